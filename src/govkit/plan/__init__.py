"""Publication obligations and the publication plan: what must be published, what is owed,
what is overdue, and what to publish next (`govkit plan`, docs/plan.md)."""
