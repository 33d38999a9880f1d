"""The service is one class of mixins (one per area): a name defined in two of them would silently be the first
one for both (an RPC or a helper of one area answering for the other)."""
import inspect

from kepegawaian.service import KepegawaianService


def test_no_two_area_mixins_define_the_same_name():
    owners: dict[str, list[str]] = {}
    for mixin in KepegawaianService.__mro__[1:]:
        if not mixin.__module__.startswith("kepegawaian.entrypoints."):
            continue
        for name, value in vars(mixin).items():
            if inspect.isfunction(value) and not name.startswith("__"):
                owners.setdefault(name, []).append(mixin.__name__)
    assert len(owners) > 30  # every area's entrypoints were seen
    assert {name: found for name, found in owners.items() if len(found) > 1} == {}
