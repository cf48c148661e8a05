"""The apps depend on each other in one direction only, and the core on none of them.

Every ``import`` of a ``cascade.<app>`` module is counted, at module level or inside a
function, in every module but the tests and migrations.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
APPS = ["organization", "campaigns", "conferences", "reports", "intake", "access"]


def _imports() -> dict[str, dict[str, list[str]]]:
    """``{app: {imported app: [where, ...]}}`` for Cascade's own packages."""
    graph: dict[str, dict[str, list[str]]] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2 or "tests" in parts or "migrations" in parts:
            continue
        app = parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                bits = name.split(".")
                if bits[0] == "cascade" and len(bits) > 1 and bits[1] != app:
                    graph.setdefault(app, {}).setdefault(bits[1], []).append(f"{path.name}:{node.lineno}")
    return graph


def test_core_imports_no_domain_app():
    assert {app: where for app, where in _imports().get("core", {}).items() if app in APPS} == {}


def test_apps_import_each_other_in_no_cycle():
    graph = {app: {dep for dep in deps if dep in APPS} for app, deps in _imports().items() if app in APPS}
    cycles = []

    def visit(app: str, trail: list[str]) -> None:
        for dep in sorted(graph.get(app, ())):
            if dep in trail:
                cycles.append(" -> ".join([*trail[trail.index(dep) :], dep]))
            else:
                visit(dep, [*trail, dep])

    for app in APPS:
        visit(app, [app])
    assert sorted(set(cycles)) == []


def test_layering_check_sees_an_import_inside_a_function():
    # The graph is not vacuous: intake reaches reports through imports inside functions too.
    assert "reports" in _imports()["intake"]
