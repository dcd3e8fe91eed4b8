"""pydantic validation errors in words: one place and one message a person can act on."""

from __future__ import annotations

import types
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from letstalk.text import quote_key

# -- validation errors as one line --------------------------------------------------------------


def describe_validation_error(exc: ValidationError, model: type[BaseModel] | None = None) -> tuple[str, str]:
    """The first problem as (place, message), with ``(and N more)`` counting the other places.

    Given the model, pydantic's union branch labels (``value.bool``, ``value.date``) leave the
    place, and the errors of one value's branches become one message: the constraint it broke if
    it had the right type, else the type's :class:`~letstalk.errors.Hint`.
    """
    errors = exc.errors(include_url=False)
    located = [(_clean_loc(tuple(err["loc"]), model), err) for err in errors]
    (first, hint), _ = located[0]
    branches = [err for (loc, _), err in located if loc == first]
    places = {loc for (loc, _), _ in located}
    extra = f" (and {len(places) - 1} more)" if len(places) > 1 else ""
    return format_place(first), _describe_branches(branches, hint) + extra


def _describe_branches(errors: list[Any], hint: str | None) -> str:
    if len(errors) == 1 and not (hint and _is_type_error(errors[0])):
        return _describe(errors[0])
    broken = [err for err in errors if not _is_type_error(err)]
    if broken:
        return _describe(broken[0])  # right type, broken rule (a too-long text)
    if hint:
        return hint
    return "; or ".join(dict.fromkeys(_describe(err) for err in errors))


def _is_type_error(err: Any) -> bool:
    kind = err["type"]
    return kind.endswith(("_type", "_parsing")) or kind in ("is_instance_of", "model_type", "dataclass_type")


def _where(loc: tuple[int | str, ...], model: type[BaseModel] | None = None) -> str:
    """A pydantic location as a place in the file (union labels dropped when the model is given)."""
    return format_place(_clean_loc(tuple(loc), model)[0])


def _describe(err: Any) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown key; check its spelling or remove it"
    if kind == "missing":
        return "this field is required"
    if kind in ("value_error", "assertion_error") and err.get("ctx", {}).get("error") is not None:
        return str(err["ctx"]["error"])
    return f"{err['msg'][0].lower()}{err['msg'][1:]}"


def _unwrap(annotation: Any) -> tuple[Any, str | None]:
    """The type inside ``Annotated[...]`` (and ``X | None``), with its hint if it has one."""
    hint = None
    while True:
        if get_origin(annotation) is Annotated:
            hint = next((m.text for m in annotation.__metadata__ if isinstance(m, Hint)), hint)
            annotation = annotation.__origin__
            continue
        options = _union_options(annotation)
        if options is not None and len(options) == 1:  # Optional: pydantic adds no label
            annotation = options[0]
            continue
        return annotation, hint


def _union_options(annotation: Any) -> list[Any] | None:
    if get_origin(annotation) in (Union, types.UnionType):
        return [arg for arg in get_args(annotation) if arg is not type(None)]
    return None


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _field_hint(field: Any) -> str | None:
    return next((m.text for m in field.metadata if isinstance(m, Hint)), None)


def _clean_loc(loc: tuple[int | str, ...], model: type[BaseModel] | None) -> tuple[tuple[int | str, ...], str | None]:
    """Walk ``loc`` through the model's types: keep keys, fields and indexes, drop union labels.

    Returns the cleaned location and the hint of the type it ends at. Where the walk loses the
    model (an unknown key, a label it cannot match), the rest is kept as it is.
    """
    kept: list[int | str] = []
    node: Any = model
    hint: str | None = None
    for part in loc:
        node, inner_hint = _unwrap(node)
        hint = inner_hint or hint
        options = _union_options(node)
        if options is not None and isinstance(part, str):  # a union branch label, not a place
            node = next((o for o in options if _is_model(_unwrap(o)[0]) and _unwrap(o)[0].__name__ == part), None)
            continue
        kept.append(part)
        hint = None
        if _is_model(node) and isinstance(part, str):
            field = node.model_fields.get(part)
            node, hint = (field.annotation, _field_hint(field)) if field is not None else (None, None)
        elif get_origin(node) is dict:
            node = get_args(node)[1]
        elif get_origin(node) in (list, tuple, set, frozenset) and isinstance(part, int):
            node = get_args(node)[0]
        else:
            node = None
    node, inner_hint = _unwrap(node)
    return tuple(kept), inner_hint or hint


# -- reading a newer file: what this version does not know is left out --------------------------


def prune_unknown(model: type[BaseModel], data: Any) -> Any:
    """``data`` without the keys ``model`` has no field for, at every depth its fields describe.

    Used on files from a newer letstalk, whose new keys this version cannot know. Values that do
    not have the shape the model expects are left alone for validation to report.
    """
    if not isinstance(data, dict):
        return data
    kept: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        for key in {name, field.alias or name}:
            if key in data:
                kept[key] = _prune_as(field.annotation, data[key])
    return kept


def _prune_as(annotation: Any, value: Any) -> Any:
    annotation, _ = _unwrap(annotation)
    if _is_model(annotation):
        return prune_unknown(annotation, value)
    options = _union_options(annotation)
    if options is not None:
        models = [o for o in (_unwrap(o)[0] for o in options) if _is_model(o)]
        return prune_unknown(models[0], value) if len(models) == 1 and isinstance(value, dict) else value
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is dict and isinstance(value, dict) and len(args) == 2:
        return {key: _prune_as(args[1], item) for key, item in value.items()}
    if origin is list and isinstance(value, list) and args:
        return [_prune_as(args[0], item) for item in value]
    return value


# -- places in a file --------------------------------------------------------------------------


def format_place(loc: tuple[int | str, ...] | list[int | str]) -> str:
    """A place in a file as ``answers."first.read".history[0].at`` (``(top)`` for the whole file)."""
    out = ""
    for part in loc:
        out = join_place(out, part)
    return out or "(top)"


def join_place(out: str, part: int | str) -> str:
    """``out`` followed by one more step: ``[2]``, ``.key``, or `` (key)`` when the key itself is wrong."""
    if isinstance(part, int):
        return f"{out}[{part}]"
    if part == "[key]" and out:  # pydantic's mark for an error in a dict key rather than its value
        return f"{out} (key)"
    key = quote_key(part)
    return f"{out}.{key}" if out else key


@dataclass(frozen=True)
class Hint:
    """``Annotated`` metadata: what to write, said when a value fits none of a union's types."""

    text: str
