"""Results: the published ``Result`` models, and everything made of them.

``model`` is the contract (committed as docs/schema/result.json); ``building``
turns the engine's arrays into results; ``assessing`` scores one assessment;
``comparing`` sets two rounds side by side; ``exporting`` writes JSON and the
tidy CSV; ``rounds`` is the ledger of what each 360 round has published;
``quality`` is a framework's item analysis (docs/schema/quality.json).
``cohort`` holds the cohort models (unit table, norm, programme evaluation) and
``cohorting`` makes them from many results.
"""
