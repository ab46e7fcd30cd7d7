"""The JSON files of ../shared/formats/README.md: events in, schedules in and out, with every problem named."""
