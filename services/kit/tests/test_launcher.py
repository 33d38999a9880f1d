"""situok-service's arguments: the service named on the command line, else $SITUOK_SERVICE."""
import pytest
from situok_kit.launcher import parse_args


def test_named_service_wins_over_the_environment(monkeypatch):
    monkeypatch.setenv("SITUOK_SERVICE", "echo")
    args = parse_args(["echo_rpc", "--port", "8302"])
    assert (args.service, args.port) == ("echo_rpc", 8302)


def test_service_defaults_to_the_environment(monkeypatch):
    monkeypatch.setenv("SITUOK_SERVICE", "personnel")
    args = parse_args([])
    assert (args.service, args.port) == ("personnel", None)


@pytest.mark.parametrize("value", [None, "", "  "])
def test_no_service_at_all_is_a_clear_usage_error(monkeypatch, capsys, value):
    if value is None:
        monkeypatch.delenv("SITUOK_SERVICE", raising=False)
    else:
        monkeypatch.setenv("SITUOK_SERVICE", value)
    with pytest.raises(SystemExit) as exc:
        parse_args([])
    assert exc.value.code == 2
    assert "SITUOK_SERVICE" in capsys.readouterr().err
