"""The analyst's dashboard: the monitoring figures of the app's own data, filtered,
charted, disclosure-controlled, and downloadable in every report format."""
