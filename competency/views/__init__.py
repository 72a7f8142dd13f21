"""Competency pages: reports (gaps, training needs, the 20 JP report) and events
(catalog, event management, registration, external learning)."""
