"""The admin's app configuration: its site is ``core.admin.CascadeAdminSite`` (superusers only).

Kept apart from ``core.admin``, which imports models: an app configuration is loaded before them.
"""

from django.contrib.admin.apps import AdminConfig


class CascadeAdminConfig(AdminConfig):
    default_site = "cascade.core.admin.CascadeAdminSite"
