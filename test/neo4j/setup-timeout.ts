// A fresh database creates its schema on first use; outage tests wait for restarts.
jest.setTimeout(120_000);
