#!/usr/bin/env python3
"""Google's official google-genai SDK against the fake Gemini API.

Usage: check_sdk.py BASE_URL   (a fake started with --api-key test-key)

Proves the fake is faithful where it matters to a client: the SDK's own
URLs, headers and request JSON are accepted; its parser reads the fake's
answers (image parts, usage, finish reasons, prompt feedback) and its
error mapping turns the fake's error bodies into the same exceptions,
codes and details as Google's. Faults are set up through the fake's
/_fake/faults endpoint; /_fake/requests shows what the SDK really sent.

Needs only the SDK (no Pillow): PNGs are built and measured by hand.
"""

import asyncio
import hashlib
import json
import logging
import struct
import sys
import urllib.request
import zlib

from google import genai
from google.genai import errors, types

BASE = sys.argv[1].rstrip("/")
KEY = "test-key"
MODEL = "gemini-3.1-flash-image"
PRO = "gemini-3-pro-image"
RETIRED = "gemini-2.5-flash-image"
PROMPT = "A wooden bird house, step 1: the floor panel on the bench"

checks = []

# `.text` on an answer with an image part logs a warning; expected here.
logging.getLogger("google_genai.types").setLevel(logging.ERROR)


def check(name, condition, detail=""):
    """Records one check; fails the script at once with the detail."""
    if not condition:
        print(f"FAIL {name}: {detail}", file=sys.stderr)
        sys.exit(1)
    checks.append(name)


def make_png(width, height, rgb):
    """A solid-colour 8-bit RGB PNG."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def png_size(data):
    """(width, height) from a PNG's IHDR, or None if it is not a PNG."""
    if len(data) < 24 or data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def control(method, path, body=None):
    """Calls one of the fake's /_fake/* endpoints."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method)
    request.add_header("content-type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as response:
        raw = response.read()
        return json.loads(raw) if raw else None


def add_fault(fault):
    control("POST", "/_fake/faults", {"fault": fault, "times": 1})


def sha256(data):
    return hashlib.sha256(data).hexdigest()


client = genai.Client(api_key=KEY, http_options=types.HttpOptions(base_url=BASE))
input_png = make_png(48, 32, (200, 120, 40))
image_config = types.GenerateContentConfig(
    response_modalities=["IMAGE"],
    image_config=types.ImageConfig(aspect_ratio="4:3"),
)


def generate(config=image_config, contents=None, model=MODEL, on=client):
    if contents is None:
        contents = [PROMPT, types.Part.from_bytes(data=input_png, mime_type="image/png")]
    return on.models.generate_content(model=model, contents=contents, config=config)


def raised(call):
    """The exception a call raises (None if it returns)."""
    try:
        call()
    except Exception as error:  # noqa: BLE001 - the type is what is checked
        return error
    return None


# 1. An image, as the SDK sends and reads it.
control("DELETE", "/_fake/requests")
control("DELETE", "/_fake/faults")
response = generate()
candidate = response.candidates[0]
check("finish reason STOP", candidate.finish_reason == types.FinishReason.STOP, candidate.finish_reason)
blobs = [part.inline_data for part in response.parts or [] if part.inline_data]
check("one image part", len(blobs) == 1, response.parts)
image = blobs[0]
check("image/png", image.mime_type == "image/png", image.mime_type)
check("4:3 is 1200x896", png_size(image.data) == (1200, 896), png_size(image.data))
check("no text part asked, none given", response.text is None, response.text)
usage = response.usage_metadata
text_tokens = (len(PROMPT) + 3) // 4
check("prompt tokens", usage.prompt_token_count == text_tokens + 258, usage)
check("candidate tokens", usage.candidates_token_count == 1120, usage)
check("total tokens", usage.total_token_count == text_tokens + 258 + 1120, usage)
by_modality = {d.modality: d.token_count for d in usage.prompt_tokens_details}
check(
    "tokens by modality",
    by_modality == {types.MediaModality.TEXT: text_tokens, types.MediaModality.IMAGE: 258},
    by_modality,
)
check("model version", response.model_version == MODEL, response.model_version)
check("response id", bool(response.response_id), response.response_id)

# 2. What the SDK put on the wire, as the fake logged it.
logged = control("GET", "/_fake/requests")
check("one request logged", len(logged) == 1, logged)
entry = logged[0]
check("key sent, not logged", entry["key_given"] and KEY not in json.dumps(entry), entry)
check("prompt logged", entry["texts"] == [PROMPT], entry["texts"])
sent = entry["images"][0]
check("input image sha256", sent["sha256"] == sha256(input_png), sent)
check("input image size", (sent["width"], sent["height"]) == (48, 32), sent)
check("aspect ratio sent", entry["aspect_ratio"] == "4:3", entry["aspect_ratio"])
check("modalities sent", entry["response_modalities"] == ["IMAGE"], entry["response_modalities"])
check("answer image sha256", entry["output_image"]["sha256"] == sha256(image.data), entry)

# 3. TEXT and IMAGE: the text comes first, the image is still found.
both = generate(types.GenerateContentConfig(response_modalities=["TEXT", "IMAGE"]))
parts = both.candidates[0].content.parts
check("text first", parts[0].text is not None and parts[1].inline_data is not None, parts)
check("response.text", (both.text or "").startswith("Here is the image"), both.text)
check("default 1:1 is 1024x1024", png_size(parts[1].inline_data.data) == (1024, 1024), "")

# 4. The async client (another HTTP stack in the SDK) reads the same.
async_answer = asyncio.run(
    client.aio.models.generate_content(model=MODEL, contents=PROMPT, config=image_config)
)
async_image = async_answer.candidates[0].content.parts[0].inline_data
check("async client", png_size(async_image.data) == (1200, 896), async_answer)

# 5. Image sizes: 3.1 Flash Image renders 512 (half of 1K's sides), billed
# fewer tokens; the SDK sends imageSize as the API spells it.
control("DELETE", "/_fake/requests")
small_config = types.GenerateContentConfig(
    response_modalities=["IMAGE"],
    image_config=types.ImageConfig(aspect_ratio="4:3", image_size="512"),
)
small = generate(small_config)
small_image = small.candidates[0].content.parts[0].inline_data
check("512 at 4:3 is 600x448", png_size(small_image.data) == (600, 448), png_size(small_image.data))
check("512 candidate tokens", small.usage_metadata.candidates_token_count == 747, small.usage_metadata)
logged = control("GET", "/_fake/requests")
check("image size sent", logged[0]["image_size"] == "512", logged[0])

# 6. Errors become the SDK's exceptions with Google's codes and details.
add_fault("rate_limited")
error = raised(generate)
check("429 is ClientError", isinstance(error, errors.ClientError), repr(error))
check("429 code and status", (error.code, error.status) == (429, "RESOURCE_EXHAUSTED"), error)
details = error.details["error"]["details"]
retry = [d for d in details if d["@type"] == "type.googleapis.com/google.rpc.RetryInfo"]
check("RetryInfo", retry and retry[0]["retryDelay"] == "2s", details)
quota = [d for d in details if d["@type"] == "type.googleapis.com/google.rpc.QuotaFailure"]
check("QuotaFailure", quota and quota[0]["violations"][0]["quotaId"], details)

add_fault("unavailable")
error = raised(generate)
check("503 is ServerError", isinstance(error, errors.ServerError), repr(error))
check("503 code and status", (error.code, error.status) == (503, "UNAVAILABLE"), error)
check("503 message", error.message == "The model is overloaded. Please try again later.", error)

add_fault("server_error")
error = raised(generate)
check("500 is ServerError", isinstance(error, errors.ServerError) and error.code == 500, repr(error))

wrong = genai.Client(api_key="wrong-key", http_options=types.HttpOptions(base_url=BASE))
error = raised(lambda: generate(on=wrong))
check("wrong key is ClientError 400", isinstance(error, errors.ClientError) and error.code == 400, repr(error))
check("API_KEY_INVALID", error.details["error"]["details"][0]["reason"] == "API_KEY_INVALID", error.details)

error = raised(lambda: generate(model="gemini-0-nonexistent"))
check("unknown model is ClientError 404", isinstance(error, errors.ClientError) and error.code == 404, repr(error))
check("NOT_FOUND", error.status == "NOT_FOUND", error)

error = raised(lambda: generate(small_config, model=PRO))
check("Pro refuses 512 with ClientError 400", isinstance(error, errors.ClientError) and error.code == 400, repr(error))
check("Pro 512 INVALID_ARGUMENT", error.status == "INVALID_ARGUMENT", error)
check("Pro 512 names the field", "imageConfig.imageSize" in error.message and '"512"' in error.message, error.message)

error = raised(lambda: generate(model=RETIRED))
check("retired 2.5 model is ClientError 404", isinstance(error, errors.ClientError) and error.code == 404, repr(error))
check("retired 2.5 model NOT_FOUND", error.status == "NOT_FOUND" and RETIRED in error.message, error)

bad_ratio = types.GenerateContentConfig(
    response_modalities=["IMAGE"], image_config=types.ImageConfig(aspect_ratio="7:5")
)
error = raised(lambda: generate(bad_ratio))
check("bad aspect ratio is ClientError 400", isinstance(error, errors.ClientError) and error.code == 400, repr(error))
check("bad aspect ratio named", "7:5" in error.message, error.message)

# 7. Refusals are answers, not errors.
add_fault("image_safety")
refused = generate()
candidate = refused.candidates[0]
check("IMAGE_SAFETY", candidate.finish_reason == types.FinishReason.IMAGE_SAFETY, candidate)
check("IMAGE_SAFETY has no parts", refused.parts is None, refused.parts)
# The fake sends Gemini's finishMessage too, but the SDK's Gemini API
# converter drops it (it only keeps it for Vertex AI), so it is not checked.

add_fault("prompt_blocked")
blocked = generate()
check("no candidates", not blocked.candidates, blocked.candidates)
check(
    "block reason",
    blocked.prompt_feedback.block_reason == types.BlockedReason.PROHIBITED_CONTENT,
    blocked.prompt_feedback,
)

add_fault("text_refusal")
talked = generate()
check("refusal is text", (talked.text or "").startswith("I can't create that image"), talked.text)
check("refusal has no image", all(p.inline_data is None for p in talked.parts), talked.parts)

# 8. A text model in JSON mode, as stepcast's planner calls it: the default
# answer is the offline extractor's plan for the request between the
# <request> markers; scripted answers replace it once each.
TEXT_MODEL = "gemini-3.8-flash"
request_text = json.dumps(
    {
        "title": "Jar lantern",
        "materials": ["glass jar", "tea light"],
        "steps": [
            {"step_number": 1, "title": "Clean", "description": "Clean the glass jar."},
            {"step_number": 2, "title": "Light", "description": "Put the tea light in the jar."},
        ],
    }
)
plan_schema = {
    "type": "object",
    "properties": {"title": {"type": "string"}, "steps": {"type": "array", "items": {"type": "object"}}},
    "required": ["title", "steps"],
}
json_config = types.GenerateContentConfig(
    system_instruction="Write the assembly plan as JSON.",
    response_mime_type="application/json",
    response_json_schema=plan_schema,
)


def plan_call(config=json_config):
    return client.models.generate_content(
        model=TEXT_MODEL, contents=f"<request>\n{request_text}\n</request>", config=config
    )


control("DELETE", "/_fake/answers")
planned = plan_call()
plan = json.loads(planned.text)
check("text model answers JSON", isinstance(plan, dict), planned.text)
check("the plan has the request's steps", [s["number"] for s in plan["steps"]] == [1, 2], plan["steps"])
check("the plan has parts", any("jar" in p["id"] for p in plan["parts"]), plan["parts"])
check("text usage counted", planned.usage_metadata.prompt_token_count > 0, planned.usage_metadata)
sent = control("GET", "/_fake/requests")[-1]
check("system instruction sent", sent["system_instruction"] == "Write the assembly plan as JSON.", sent)

control("POST", "/_fake/answers", [{"kind": "text", "text": "not json"}, {"kind": "refusal"}])
check("scripted text", plan_call().text == "not json")
withheld = plan_call()
check("scripted refusal SAFETY", withheld.candidates[0].finish_reason == types.FinishReason.SAFETY, withheld)
check("refusal has no text", withheld.text is None, withheld.text)
control("POST", "/_fake/answers", {"kind": "error", "status": 503, "message": "The model is overloaded."})
error = raised(plan_call)
check("scripted 503 is ServerError", isinstance(error, errors.ServerError) and error.code == 503, repr(error))

schema_only = types.GenerateContentConfig(response_json_schema=plan_schema)
error = raised(lambda: plan_call(schema_only))
check("schema without JSON mode is 400", isinstance(error, errors.ClientError) and error.code == 400, repr(error))

stats = control("GET", "/_fake/stats")
print(f"google-genai {genai.__version__}: {len(checks)} checks passed against {BASE}")
print(f"fake stats: {stats}")
