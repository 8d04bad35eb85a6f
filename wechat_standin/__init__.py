"""A local stand-in for WeChat's web sign-in (development and tests only).

It serves, under ``/_wechat``, the pages and endpoints of ``open.weixin.qq.com`` and
``api.weixin.qq.com`` that the portal uses, with WeChat's quirks and error codes
(``docs/wechat.md``).  The app factory registers it only when ``WECHAT_STANDIN`` is on,
which production refuses; ``python -m wechat_standin`` serves it alone.

* ``store.py``: the in-process state (personas, codes, tokens) behind a lock, with a clock
  and knobs that tests can change.
* ``views.py``: the ``wechat_standin`` blueprint.
* ``server.py``: a tiny app that serves only the stand-in.
"""
