"""One blueprint per page group: pages (start, search), meetings, api."""
