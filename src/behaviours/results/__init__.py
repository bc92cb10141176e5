"""Results: the published ``Result`` models, their JSON and CSV, and their schema."""
