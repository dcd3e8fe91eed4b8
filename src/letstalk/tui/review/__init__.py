"""The facilitator's review app: a dashboard of a folder of workbooks, read-only, with feedback."""
