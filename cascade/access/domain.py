"""Business logic of access: role assignments are granted in the admin by superusers for now."""
