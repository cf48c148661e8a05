"""The ``cascade`` console script: Django's manage.py with Cascade's own subcommands.

Subcommands live as management commands in the apps (``cascade scenario``, ``cascade rollup``,
``cascade demo`` ...); everything Django offers (``migrate``, ``createsuperuser``) works too.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cascade.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["cascade", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
