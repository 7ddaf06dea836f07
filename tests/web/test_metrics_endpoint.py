"""Where the metrics are served: `/metrics` outside production, in production only when
`METRICS_PUBLIC=true`, and on a port of their own when `METRICS_PORT` is set."""

from __future__ import annotations

import dataclasses

import httpx

from graphql_api.config import Settings
from tests.conftest import another_server, free_port
from tests.observability.metrics import scrape, value

TREE = "{ categories { slug } }"


def test_production_hides_metrics_unless_they_are_public(
    settings: Settings, database_url: str
) -> None:
    production = dataclasses.replace(settings, app_env="production")
    with another_server(production, database_url) as client:
        assert client.get("/metrics").status_code == 404
    with another_server(production, database_url, metrics_public=True) as client:
        client.post("/graphql", json={"query": TREE})
        assert (
            value(
                scrape(client), "graphql_api_requests_total", operation="(anonymous)", outcome="ok"
            )
            == 1
        )


def test_metrics_port_serves_the_metrics_apart_from_the_api(
    settings: Settings, database_url: str
) -> None:
    # given a production server with a port for its metrics
    port = free_port()
    production = dataclasses.replace(settings, app_env="production", host="127.0.0.1")
    with another_server(production, database_url, metrics_port=port) as client:
        # when it serves a request
        client.post("/graphql", json={"query": TREE})
        # then its metrics are on that port, and only there
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as metrics:
            samples = scrape(metrics)
        assert (
            value(samples, "graphql_api_requests_total", operation="(anonymous)", outcome="ok") == 1
        )
        assert client.get("/metrics").status_code == 404
