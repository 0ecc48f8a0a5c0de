-- Where each output's WebVTT captions were uploaded (beside the MP4, same key with .vtt); null without captions.
ALTER TABLE highlight_sub_job ADD COLUMN captions_url VARCHAR(2048);
