"""``python -m wechat_standin [--host 127.0.0.1] [--port 5099]``: the stand-in alone."""

from __future__ import annotations

import argparse

from wechat_standin.server import create_app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m wechat_standin", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=5099, help="port (default 5099)")
    args = parser.parse_args(argv)
    app = create_app()
    print(f"WeChat stand-in: http://{args.host}:{args.port}/_wechat/  (set WECHAT_OPEN_BASE_URL and "  # noqa: T201
          f"WECHAT_API_BASE_URL to it)")
    app.run(host=args.host, port=args.port, threaded=True)


if __name__ == "__main__":
    main()
