"""No lost update: two people open the same record; the first saves; the second's save is refused."""

from __future__ import annotations

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from cascade.access.tests.factories import UserFactory
from cascade.campaigns.choices import RectificationStatus
from cascade.campaigns.models import RectificationItem, StudyActivity
from cascade.campaigns.tests.factories import RectificationItemFactory, StudyActivityFactory
from cascade.core.forms import (
    VERSION_FIELD,
    StaleEdit,
    VersionedModelForm,
    save_if_unchanged,
    version_token,
    versioned_form,
)


def _editor() -> Client:
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _value(bound_field) -> object:
    value = bound_field.value()
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if isinstance(value, bool):
        return "on" if value else ""
    return str(value)


def _form_data(form, data: dict) -> None:
    for name in form.fields:
        value = _value(form[name])
        if isinstance(form.fields[name].widget, forms.CheckboxInput) and not value:
            continue
        data[form.add_prefix(name)] = value


def _open(client: Client, url: str) -> dict:
    """What the browser would post back unchanged from the change page at ``url``."""
    response = client.get(url)
    assert response.status_code == 200
    assert 'type="hidden" name="version"' in response.content.decode()
    data: dict = {}
    form = response.context["adminform"].form
    _form_data(form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _form_data(formset.management_form, data)
        for subform in formset.initial_forms:
            _form_data(subform, data)
        data[formset.add_prefix("TOTAL_FORMS")] = str(len(formset.initial_forms))
    assert data[VERSION_FIELD], "the change form carries the record's version"
    return data


def _change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.mark.django_db
def test_second_save_of_a_rectification_item_is_refused_naming_the_changed_field():
    item = RectificationItemFactory(measures="Original measures")
    url = _change_url(item)
    first, second = _editor(), _editor()
    first_data, second_data = _open(first, url), _open(second, url)

    first_data["measures"] = "Measures from the first editor"
    assert first.post(url, first_data).status_code == 302

    second_data["problem"] = "Problem text from the second editor"
    response = second.post(url, second_data)
    assert response.status_code == 200  # the form again, with the refusal
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "Someone else saved this record" in errors
    assert "Measures" in errors
    assert "Problem" not in errors.split("Changed since then:")[1].split(".")[0]
    assert "Your changes were not saved" in response.content.decode()

    item.refresh_from_db()
    assert item.measures == "Measures from the first editor"
    assert item.problem != "Problem text from the second editor"

    # After reloading, the second editor's save goes through.
    reloaded = _open(second, url)
    reloaded["problem"] = "Problem text from the second editor"
    assert second.post(url, reloaded).status_code == 302
    item.refresh_from_db()
    assert (item.problem, item.measures) == (
        "Problem text from the second editor",
        "Measures from the first editor",
    )


@pytest.mark.django_db
def test_second_save_of_a_study_activity_is_refused_and_the_first_value_kept():
    activity = StudyActivityFactory(title="Original title")
    url = _change_url(activity)
    first, second = _editor(), _editor()
    first_data, second_data = _open(first, url), _open(second, url)

    first_data["title"] = "First editor's title"
    assert first.post(url, first_data).status_code == 302
    second_data["title"] = "Second editor's title"
    response = second.post(url, second_data)
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "Changed since then: Title." in errors
    assert StudyActivity.objects.get(pk=activity.pk).title == "First editor's title"


@pytest.mark.django_db
def test_a_change_made_outside_the_form_also_counts():
    """A workflow step (here: a status change by the domain) moves the version on too."""
    item = RectificationItemFactory()
    url = _change_url(item)
    editor = _editor()
    data = _open(editor, url)
    fresh = RectificationItem.objects.get(pk=item.pk)
    fresh.status = RectificationStatus.IN_PROGRESS
    fresh.save()
    data["measures"] = "Edited"
    response = editor.post(url, data)
    assert response.status_code == 200
    assert "Status" in " ".join(response.context["adminform"].form.non_field_errors())
    assert RectificationItem.objects.get(pk=item.pk).measures != "Edited"


@pytest.mark.django_db
def test_a_forged_version_is_refused():
    item = RectificationItemFactory()
    url = _change_url(item)
    editor = _editor()
    data = _open(editor, url)
    data[VERSION_FIELD] = "forged"
    data["measures"] = "Edited"
    response = editor.post(url, data)
    assert response.status_code == 200
    assert "could not be checked" in " ".join(response.context["adminform"].form.non_field_errors())


@pytest.mark.django_db
def test_unchanged_record_saves_and_add_forms_need_no_version():
    item = RectificationItemFactory()
    url = _change_url(item)
    editor = _editor()
    data = _open(editor, url)
    data["measures"] = "Edited once"
    assert editor.post(url, data).status_code == 302
    add = editor.get(reverse("admin:campaigns_rectificationitem_add"))
    assert add.context["adminform"].form[VERSION_FIELD].value() in ("", None)


# --- the form helpers outside the admin ---------------------------------------------------


class ItemForm(VersionedModelForm):
    class Meta:
        model = RectificationItem
        fields = ("measures", "problem")


@pytest.mark.django_db(transaction=True)
def test_save_if_unchanged_refuses_when_another_save_lands_between_validation_and_save():
    item = RectificationItemFactory(measures="m0", problem="p0")
    opened = version_token(item)
    mine, theirs = (RectificationItem.objects.get(pk=item.pk) for _ in range(2))
    first = ItemForm({"measures": "m1", "problem": "p0", VERSION_FIELD: opened}, instance=mine)
    second = ItemForm({"measures": "m0", "problem": "p2", VERSION_FIELD: opened}, instance=theirs)
    assert first.is_valid(), first.errors
    assert second.is_valid(), second.errors  # both validated before either saved

    save_if_unchanged(mine, first)
    with pytest.raises(StaleEdit) as excinfo:
        save_if_unchanged(theirs, second)
    assert excinfo.value.changed == ["measures"]
    assert "Measures" in " ".join(second.non_field_errors())
    current = RectificationItem.objects.get(pk=item.pk)
    assert (current.measures, current.problem) == ("m1", "p0")

    # A form validated after the first save is refused at validation already.
    late = ItemForm({"measures": "m0", "problem": "p3", VERSION_FIELD: opened}, instance=current)
    assert not late.is_valid()
    assert "Measures" in " ".join(late.non_field_errors())


def test_versioned_form_wraps_an_existing_model_form():
    class Plain(forms.ModelForm):
        class Meta:
            model = RectificationItem
            fields = ("measures",)

    wrapped = versioned_form(Plain)
    assert issubclass(wrapped, VersionedModelForm) and issubclass(wrapped, Plain)
    assert VERSION_FIELD in wrapped.base_fields and "measures" in wrapped.base_fields
    assert versioned_form(wrapped) is wrapped
