"""The PDF backend: a report ``Document`` -> PDF bytes; the only package that imports reportlab."""
