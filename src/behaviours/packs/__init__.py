"""Feedback packs: many subjects -> a folder of PDFs and a manifest, on any executor."""
