"""Builders of test input files, shared by the test suites (plain functions, no fixtures)."""
