"""Does a service answer exactly what its output schemas declare? A test helper.

``AnswerCheck`` collects real answers (RPC results, event payloads) with the schema that declares each; then
``problems()`` lists every field an answer carries that its schema does not declare, and every field a schema
declares that no collected answer carried — recursively through nested schemas and lists of them. A
service's contract test drives its records through their whole life, feeds every answer in, and asserts
there are no problems: a field added to an answer but not to the schema (or the other way round) fails it.
"""
from __future__ import annotations

from collections import defaultdict

from marshmallow import Schema, fields


def _nested_schema(field: fields.Field) -> Schema | None:
    if isinstance(field, fields.List):
        return _nested_schema(field.inner)
    if isinstance(field, fields.Nested):
        schema = field.schema
        return schema if isinstance(schema, Schema) else None
    return None


class AnswerCheck:
    def __init__(self):
        self._declared: dict[str, set[str]] = {}
        self._seen: dict[str, set[str]] = defaultdict(set)
        self._extra: list[str] = []
        self.count = 0

    def answer(self, schema: Schema | type[Schema], value, name: str | None = None) -> None:
        """Record one answer (a dict, or a list of them) that ``schema`` declares."""
        schema = schema() if isinstance(schema, type) else schema
        name = name or type(schema).__name__
        self.count += 1
        for item in value if isinstance(value, list) else [value]:
            self._walk(schema, item, name)

    def _walk(self, schema: Schema, value, path: str) -> None:
        declared = {f.data_key or key: f for key, f in schema.fields.items() if not f.load_only}
        self._declared.setdefault(path, set(declared))
        if not isinstance(value, dict):
            self._extra.append(f"{path}: answered {type(value).__name__}, not an object")
            return
        for key, item in value.items():
            field = declared.get(key)
            if field is None:
                self._extra.append(f"{path}.{key}: answered but not declared")
                continue
            self._seen[path].add(key)
            nested = _nested_schema(field)
            if nested is not None and item is not None:
                for element in item if isinstance(item, list) else [item]:
                    self._walk(nested, element, f"{path}.{key}")

    def problems(self) -> list[str]:
        found = sorted(set(self._extra))
        for path, declared in sorted(self._declared.items()):
            for key in sorted(declared - self._seen[path]):
                found.append(f"{path}.{key}: declared but never answered")
        return found
