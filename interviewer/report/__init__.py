"""The interview report: records, aggregation, the decision memo, and rendering."""
