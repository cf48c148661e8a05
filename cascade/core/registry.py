"""How each model is scoped: the lookup from a row to the unit that owns it, and its permission object.

Every app declares the scopes of its own models in its ``AppConfig.ready()`` with
``register_scopes``; nothing here knows the apps. ``unit`` is a lookup to a unit ("" for
a unit itself); ``None`` means reference data that any user holding the permission
somewhere may read (countries, campaigns, conferences). ``many`` marks lookups that cross a
to-many relation (rows are made distinct). Every concrete model of Cascade's apps must
have a scope or be declared internal: a test enforces it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ModelScope:
    unit: str | None
    permission: str
    many: bool = False


SCOPES: dict[str, ModelScope] = {}

# Tables that serve no person directly (a rollup engine's bookkeeping, say): never listed,
# exported, searched or shown in the admin. Tests check that nothing serves them.
INTERNAL: set[str] = set()


def register_scopes(scopes: dict[str, ModelScope], *, internal: tuple[str, ...] = ()) -> None:
    """Declare how an app's models are scoped (``"app_label.model"`` keys, lower case)."""
    for label, scope in scopes.items():
        if SCOPES.get(label, scope) != scope:
            raise ValueError(f"{label} already has another scope")
        SCOPES[label] = scope
    INTERNAL.update(internal)


def scope_for(model) -> ModelScope:
    label = model._meta.label_lower
    try:
        return SCOPES[label]
    except KeyError:
        raise LookupError(
            f"{label} has no scope: declare it with cascade.core.registry.register_scopes"
        ) from None
