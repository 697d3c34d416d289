-- Cloud photos checked by a text model: the verdict of the photo kept, its
-- findings, how many redraws the check caused, the model and what the
-- checks cost (JSON {verdict, seen, missing, unexpected, redraws,
-- first_findings, model, cost_usd}).

ALTER TABLE steps ADD COLUMN check_result TEXT;
