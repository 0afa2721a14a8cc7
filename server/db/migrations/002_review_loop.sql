-- The review loop: decisions are looked up by their request (one per person per request).
CREATE INDEX entities_decision_request ON entities (team_id, (doc->>'requestId')) WHERE kind = 'review_decision';
