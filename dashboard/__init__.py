"""The Dash dashboard of zhaodong: layout, callbacks and assets. Logic lives in zhaodong_data."""
