"""The API's shared rules: pages are bounded, and numbers past what a database holds are a
clear 4xx, never a server error."""

import pytest
from django.urls import reverse

from cascade.access.tests.test_permission_matrix import API_LISTS, API_MODELS

pytestmark = pytest.mark.django_db

HUGE = 2**63


@pytest.mark.parametrize("name", sorted(API_LISTS))
def test_list_pages_are_bounded(admin_client, name):
    url = reverse(f"api:{name}")
    codes = [
        admin_client.get(url, query).status_code
        for query in (
            {"limit": HUGE},
            {"offset": HUGE},
            {"limit": 1001},
            {"limit": 0},
            {"offset": -1},
            {"limit": 1000},
        )
    ]
    assert codes == [422, 422, 422, 422, 422, 200]


@pytest.mark.parametrize("name", sorted(n for n in API_MODELS if n.startswith("get_")))
def test_records_past_the_largest_key_are_not_found(admin_client, name):
    assert admin_client.get(reverse(f"api:{name}", kwargs={"pk": HUGE})).status_code == 404
