"""Tables: which columns a list of records shows, shared by list pages and exports.

A ``Table`` subclass names its model and columns; a column is a field lookup (``unit__name``
follows relations) or the name of a method on the table taking the row. Labels default to
the model fields' verbose names, so they are translated with the models. ``__str__`` is
the record's own label.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.text import capfirst


@dataclass(frozen=True)
class Column:
    name: str
    label: str | Promise | None = None
    # True: link to the row's detail page; a URL name (taking the row's pk): link there.
    link: bool | str = False


def detail_url(obj: models.Model) -> str | None:
    """The detail page of ``obj`` (URL name ``<app>:<model>_detail``), if the app has one."""
    meta = obj._meta
    try:
        return reverse(f"{meta.app_label}:{meta.model_name}_detail", args=[obj.pk])
    except NoReverseMatch:
        return None


def _field(model: type[models.Model], lookup: str) -> models.Field | None:
    field = None
    for part in lookup.split("__"):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        if field.is_relation and field.related_model is not None:
            model = field.related_model
    return field


def resolve(obj: Any, lookup: str) -> Any:
    """Follow ``a__b__c`` from ``obj``; choice fields give their label."""
    value = obj
    for part in lookup.split("__"):
        if value is None:
            return None
        display = getattr(value, f"get_{part}_display", None)
        value = display() if callable(display) else getattr(value, part)
    return value


class Table:
    model: ClassVar[type[models.Model]]
    columns: ClassVar[tuple[Column, ...]]
    select_related: ClassVar[tuple[str, ...]] = ()
    prefetch_related: ClassVar[tuple[str, ...]] = ()

    def __init__(self, rows: Iterable[models.Model], *, actions: Iterable[tuple[str, str]] = ()):
        self.object_list = rows
        # (label, URL name taking the row's pk): links offered on every row, e.g. edit and delete.
        self.actions = list(actions)

    @classmethod
    def queryset(cls, qs: models.QuerySet) -> models.QuerySet:
        """The queryset with the joins this table's columns need (no query per row)."""
        if cls.select_related:
            qs = qs.select_related(*cls.select_related)
        if cls.prefetch_related:
            qs = qs.prefetch_related(*cls.prefetch_related)
        return qs

    @classmethod
    def headers(cls) -> list[str]:
        labels = []
        for column in cls.columns:
            if column.label is not None:
                labels.append(capfirst(str(column.label)))
                continue
            field = _field(cls.model, column.name)
            labels.append(capfirst(str(getattr(field, "verbose_name", column.name))))
        return labels

    def cell(self, row: models.Model, column: Column) -> Any:
        if column.name == "__str__":
            return str(row)
        method = getattr(self, column.name, None)
        value = method(row) if callable(method) else resolve(row, column.name)
        if isinstance(value, bool):
            from django.utils.translation import gettext

            return gettext("yes") if value else gettext("no")
        return "" if value is None else value

    @staticmethod
    def link(row: models.Model, column: Column, detail: str | None) -> str | None:
        if isinstance(column.link, str):
            return reverse(column.link, args=[row.pk])
        return detail if column.link else None

    def rows(self) -> list[dict[str, Any]]:
        out = []
        for row in self.object_list:
            url = detail_url(row)
            out.append(
                {
                    "object": row,
                    "cells": [
                        {"value": self.cell(row, c), "url": self.link(row, c, url)} for c in self.columns
                    ],
                    "actions": [
                        {"label": label, "url": reverse(name, args=[row.pk])} for label, name in self.actions
                    ],
                }
            )
        return out
