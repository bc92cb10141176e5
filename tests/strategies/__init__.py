"""Hypothesis strategies, one module per stage of the pipeline (frameworks, responses, ...)."""
