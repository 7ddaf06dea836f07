"""Adding a header to a response from ASGI middleware, once its value is known."""

from __future__ import annotations

from collections.abc import Callable

from starlette.types import Message, Send


def adding_header(send: Send, name: bytes, value: Callable[[], bytes]) -> Send:
    """`send`, with `name: value()` appended to the response's headers: `value` is called when
    the response starts, after the app has done its work (a count, say)."""

    async def send_with_header(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [*message.get("headers", []), (name, value())]
        await send(message)

    return send_with_header
