-- Cloud engines: each step's schematic preview, the reference images its
-- image was drawn from (JSON list of {kind, image_id}) and what the provider
-- charged for it (JSON {model, latency_ms, input_tokens, output_tokens,
-- total_tokens, cost_usd}).

ALTER TABLE steps ADD COLUMN preview_id TEXT;
ALTER TABLE steps ADD COLUMN refs TEXT;
ALTER TABLE steps ADD COLUMN usage TEXT;

CREATE INDEX steps_by_preview ON steps (preview_id) WHERE preview_id IS NOT NULL;
