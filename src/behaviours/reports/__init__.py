"""Reports: a ``Result`` -> a report ``Document`` (layout only; no reportlab), one view per kind.

``report.build_document`` picks the view from the result's kind; ``document``
holds the neutral building blocks that every backend draws (``behaviours.pdf``);
``quality`` lays out the framework quality report of an item analysis.
``cohort.build_cohort_document`` lays out the cohort report.
"""
