"""How many database queries a page costs, for the guards that a page's cost does not grow
with the rows it shows (1 row or 3 must cost the same)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url: str, params: dict | None = None) -> int:
    """The queries one GET of ``url`` costs once caches are warm (a first GET fills them:
    the session, content types); the page must answer 200."""
    client.get(url, params or {})
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(ctx.captured_queries)
