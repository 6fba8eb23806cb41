"""TKG Journal: an encrypted private journal for leaders working with an executive coach."""

__version__ = "0.1.0"
APP_NAME = "TKG Journal"
