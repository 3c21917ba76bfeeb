"""For production serving: `gunicorn 'dashboard.wsgi:server'` (store from $ZHAODONG_STORE)."""

from .app import create_app

server = create_app().server
