#!/usr/bin/env python3
"""OpenAI's official `openai` SDK against the fake OpenAI API.

Usage: check_sdk.py BASE_URL   (the fake's root URL, without /v1, started
with --api-key test-key --retry-after-ms 200)

Proves the fake is faithful where it matters to a client: the SDK's own
URLs, bearer key, JSON and multipart requests (image[] uploads) are
accepted; its parsers read the fake's answers (ImagesResponse and usage,
the image stream events, Response.output_text, responses.parse with a
pydantic model) and its error mapping turns the fake's error bodies into
the same exceptions and codes as OpenAI's (RateLimitError, NotFoundError,
BadRequestError with code moderation_blocked, AuthenticationError, ...).
Faults and scripted answers are set up through the fake's /_fake/*
endpoints; /_fake/requests shows what the SDK really sent.

Needs only the SDK (and the pydantic it brings): PNGs are built and
measured by hand.
"""

import asyncio
import hashlib
import json
import struct
import sys
import urllib.error
import urllib.request
import zlib

import openai
import pydantic
from openai.types import (
    ImageEditCompletedEvent,
    ImageEditPartialImageEvent,
    ImageGenCompletedEvent,
    ImageGenPartialImageEvent,
)

BASE = sys.argv[1].rstrip("/")
API = BASE + "/v1"
KEY = "test-key"
IMAGE_MODEL = "gpt-image-1.5"
TEXT_MODEL = "gpt-6-luna"
PROMPT = "A wooden bird house, step 1: the floor panel on the bench"

checks = []


def check(name, condition, detail=""):
    """Records one check; fails the script at once with the detail."""
    if not condition:
        print(f"FAIL {name}: {detail}", file=sys.stderr)
        sys.exit(1)
    checks.append(name)


def make_png(width, height, rgb, alpha=None):
    """A solid-colour 8-bit PNG; with `alpha` (a function of x) an RGBA one."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    if alpha is None:
        row = b"\x00" + bytes(rgb) * width
        colour_type = 2
    else:
        row = b"\x00" + b"".join(bytes(rgb) + bytes([alpha(x)]) for x in range(width))
        colour_type = 6
    ihdr = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
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


def webp_size(data):
    """(width, height) of a lossless (VP8L) WebP, or None."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP" or data[12:16] != b"VP8L" or data[20] != 0x2F:
        return None
    bits = int.from_bytes(data[21:25], "little")
    return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1


def control(method, path, body=None):
    """Calls one of the fake's /_fake/* endpoints."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method)
    request.add_header("content-type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as response:
        raw = response.read()
        return json.loads(raw) if raw else None


def add_fault(fault, **rule):
    control("POST", "/_fake/faults", {"fault": fault, "times": 1, **rule})


def last_request():
    return control("GET", "/_fake/requests")[-1]


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def b64decode(text):
    import base64

    return base64.b64decode(text)


def raised(call):
    """The exception a call raises (None if it returns)."""
    try:
        call()
    except Exception as error:  # noqa: BLE001 - the type is what is checked
        return error
    return None


client = openai.OpenAI(base_url=API, api_key=KEY, max_retries=0)
control("DELETE", "/_fake/requests")
control("DELETE", "/_fake/faults")
control("DELETE", "/_fake/answers")

# 1. A generation, as the SDK sends and reads it.
generated = client.images.generate(model=IMAGE_MODEL, prompt=PROMPT, size="1536x1024", quality="low")
image = b64decode(generated.data[0].b64_json)
check("one image", len(generated.data) == 1, generated.data)
check("PNG at the asked size", png_size(image) == (1536, 1024), png_size(image))
check("size field", generated.size == "1536x1024", generated.size)
check("quality field", generated.quality == "low", generated.quality)
check("output_format field", generated.output_format == "png", generated.output_format)
check("background field", generated.background == "opaque", generated.background)
check("created", isinstance(generated.created, int) and generated.created > 1_700_000_000, generated.created)
usage = generated.usage
text_tokens = (len(PROMPT) + 3) // 4
check("usage output tokens (low 1536x1024)", usage.output_tokens == 400, usage)
check("usage text tokens", usage.input_tokens_details.text_tokens == text_tokens, usage)
check("usage image tokens", usage.input_tokens_details.image_tokens == 0, usage)
check("usage total", usage.total_tokens == text_tokens + 400, usage)
check("request id", (generated._request_id or "").startswith("req_"), generated._request_id)

entry = last_request()
check("logged endpoint", entry["endpoint"] == "images.generations", entry)
check("logged model, prompt, size", (entry["model"], entry["prompt"], entry["size"]) == (IMAGE_MODEL, PROMPT, "1536x1024"), entry)
check("key sent, not logged", entry["key_given"] and KEY not in json.dumps(entry), entry)
check("logged output sha256", entry["output_images"][0]["sha256"] == sha256(image), entry)
check("logged request id", entry["request_id"] == generated._request_id, entry)

# 2. Other formats and GPT Image 2's flexible sizes.
webp = client.images.generate(model="gpt-image-2", prompt=PROMPT, size="1024x640", output_format="webp")
check("gpt-image-2 WebP at 1024x640", webp_size(b64decode(webp.data[0].b64_json)) == (1024, 640), webp.size)
jpeg = client.images.generate(model=IMAGE_MODEL, prompt=PROMPT, output_format="jpeg", output_compression=70)
check("JPEG", b64decode(jpeg.data[0].b64_json)[:3] == b"\xff\xd8\xff", jpeg.output_format)
check("auto size is square, auto quality medium", (jpeg.size, jpeg.quality) == ("1024x1024", "medium"), jpeg)
two = client.images.generate(model="gpt-image-1-mini", prompt=PROMPT, n=2, quality="low")
check("n=2 gives two different images", len(two.data) == 2 and two.data[0].b64_json != two.data[1].b64_json, "")

# 3. An edit with two uploads (sent as image[]) and high input fidelity.
red = make_png(96, 64, (220, 30, 30))
blue = make_png(48, 48, (30, 30, 220))
edited = client.images.edit(
    model=IMAGE_MODEL,
    image=[("red.png", red, "image/png"), ("blue.png", blue, "image/png")],
    prompt="Put the roof on",
    input_fidelity="high",
    size="1024x1024",
    quality="medium",
)
check("edit PNG", png_size(b64decode(edited.data[0].b64_json)) == (1024, 1024), edited.size)
check("edit counts image tokens", edited.usage.input_tokens_details.image_tokens > 0, edited.usage)
entry = last_request()
check("logged edit", entry["endpoint"] == "images.edits" and entry["input_fidelity"] == "high", entry)
check("two images sent", [i["sha256"] for i in entry["images"]] == [sha256(red), sha256(blue)], entry["images"])
check("image sizes logged", [(i["width"], i["height"]) for i in entry["images"]] == [(96, 64), (48, 48)], entry)

# One image (sent as `image`) with a mask; `auto` follows the input's shape.
mask = make_png(96, 64, (0, 0, 0), alpha=lambda x: 0 if x < 48 else 255)
masked = client.images.edit(model=IMAGE_MODEL, image=("red.png", red, "image/png"), mask=("mask.png", mask, "image/png"), prompt="Paint the left")
check("auto edit size follows a landscape input", masked.size == "1536x1024", masked.size)
check("mask logged", last_request()["mask"]["sha256"] == sha256(mask), last_request())

# 4. Streaming: partial images, then the image.
stream = client.images.generate(model=IMAGE_MODEL, prompt=PROMPT, stream=True, partial_images=2, quality="low")
events = list(stream)
check(
    "generation stream events",
    [e.type for e in events] == ["image_generation.partial_image"] * 2 + ["image_generation.completed"],
    [e.type for e in events],
)
check("partial event classes", all(isinstance(e, ImageGenPartialImageEvent) for e in events[:2]), events[0])
check("completed event class", isinstance(events[2], ImageGenCompletedEvent), type(events[2]))
check("partial indexes", [e.partial_image_index for e in events[:2]] == [0, 1], events[:2])
check("every event is a 1024x1024 PNG", all(png_size(b64decode(e.b64_json)) == (1024, 1024) for e in events), "")
check("completed usage", events[2].usage.output_tokens == 272, events[2].usage)
check("stream logged", (last_request()["stream"], last_request()["partial_images"]) == (True, 2), last_request())

edit_stream = client.images.edit(
    model=IMAGE_MODEL, image=[("red.png", red, "image/png")], prompt="Add a door", stream=True, partial_images=2, size="1024x1024"
)
edit_events = list(edit_stream)
check(
    "edit stream events",
    [e.type for e in edit_events] == ["image_edit.partial_image"] * 2 + ["image_edit.completed"],
    [e.type for e in edit_events],
)
check("edit event classes", isinstance(edit_events[0], ImageEditPartialImageEvent) and isinstance(edit_events[2], ImageEditCompletedEvent), edit_events[0])

# 5. Responses: the default answer is the extractor's plan for the request
# embedded in the prompt, under a strict JSON schema.
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
strict_schema = {
    "type": "object",
    "additionalProperties": False,
    "required": ["parts", "steps"],
    "properties": {
        "parts": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id"],
                "properties": {"id": {"type": "string"}},
            },
        },
        "steps": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["number", "note"],
                "properties": {"number": {"type": "integer"}, "note": {"type": ["string", "null"]}},
            },
        },
    },
}
plan_input = [{"role": "user", "content": [{"type": "input_text", "text": f"<request>\n{request_text}\n</request>"}]}]
plan_format = {"format": {"type": "json_schema", "name": "plan", "schema": strict_schema, "strict": True}}


def plan_call(schema_format=plan_format, model=TEXT_MODEL, on=client):
    return on.responses.create(
        model=model, instructions="Write the assembly plan as JSON.", input=plan_input, text=schema_format
    )


planned = plan_call()
plan = json.loads(planned.output_text)
check("output_text is the plan", isinstance(plan, dict), planned.output_text)
check("the plan has the request's steps", [s["number"] for s in plan["steps"]] == [1, 2], plan["steps"])
check("the plan has parts", any("jar" in p["id"] for p in plan["parts"]), plan["parts"])
check("response id", planned.id.startswith("resp_"), planned.id)
check("response status", (planned.object, planned.status) == ("response", "completed"), planned.status)
check("response model", planned.model == TEXT_MODEL, planned.model)
check("message item", planned.output[0].type == "message" and planned.output[0].role == "assistant", planned.output)
check("response usage", planned.usage.total_tokens == planned.usage.input_tokens + planned.usage.output_tokens > 0, planned.usage)
check("cached tokens", planned.usage.input_tokens_details.cached_tokens == 0, planned.usage)
check("echoed format", planned.text.format.type == "json_schema" and planned.text.format.name == "plan", planned.text)
entry = last_request()
check("logged responses call", (entry["endpoint"], entry["model"], entry["schema_name"], entry["strict"]) == ("responses", TEXT_MODEL, "plan", True), entry)
check("logged instructions", entry["instructions"] == "Write the assembly plan as JSON.", entry)


# responses.parse with a pydantic model: the SDK writes the strict schema,
# the fake accepts it, the SDK parses the (scripted) answer.
class Verdict(pydantic.BaseModel):
    shows_step: bool
    missing: list[str]
    note: str | None


control("POST", "/_fake/answers", {"kind": "text", "text": '{"shows_step": true, "missing": ["lid"], "note": null}'})
photo = make_png(64, 48, (120, 90, 60))
parsed = client.responses.parse(
    model="gpt-6.1-terra",
    input=[
        {
            "role": "user",
            "content": [
                {"type": "input_text", "text": "Does the photo show step 2?"},
                {"type": "input_image", "image_url": "data:image/png;base64," + __import__("base64").b64encode(photo).decode(), "detail": "high"},
            ],
        }
    ],
    text_format=Verdict,
)
check("parse gives the pydantic model", parsed.output_parsed == Verdict(shows_step=True, missing=["lid"], note=None), parsed.output_parsed)
entry = last_request()
check("parse sent a strict schema", entry["strict"] is True and entry["text_format"] == "json_schema", entry)
check("input image logged", [(i["width"], i["height"]) for i in entry["images"]] == [(64, 48)], entry["images"])

# A refusal is an answer: a refusal part, no output text.
control("POST", "/_fake/answers", {"kind": "refusal"})
refused = plan_call()
content = refused.output[0].content[0]
check("refusal part", content.type == "refusal" and content.refusal, content)
check("refusal has no output text", refused.output_text == "", refused.output_text)

# A strict schema OpenAI would refuse is refused the same way.
loose = json.loads(json.dumps(strict_schema))
del loose["properties"]["steps"]["items"]["additionalProperties"]
error = raised(lambda: plan_call({"format": {"type": "json_schema", "name": "plan", "schema": loose, "strict": True}}))
check("loose strict schema is BadRequestError", isinstance(error, openai.BadRequestError), repr(error))
check("invalid_json_schema", (error.code, error.param) == ("invalid_json_schema", "text.format.schema"), error)
check("names the place", "In context=('properties', 'steps', 'items'), 'additionalProperties'" in error.message, error.message)

# 6. Errors become the SDK's exceptions with OpenAI's codes.
add_fault("rate_limited")
error = raised(lambda: client.images.generate(model=IMAGE_MODEL, prompt=PROMPT))
check("429 is RateLimitError", isinstance(error, openai.RateLimitError) and error.status_code == 429, repr(error))
check("rate_limit_exceeded", error.code == "rate_limit_exceeded", error.body)
check("retry-after header", error.response.headers.get("retry-after-ms") == "200", dict(error.response.headers))

add_fault("insufficient_quota")
error = raised(lambda: client.images.generate(model=IMAGE_MODEL, prompt=PROMPT))
check("quota is RateLimitError insufficient_quota", isinstance(error, openai.RateLimitError) and error.code == "insufficient_quota", repr(error))

add_fault("moderation_blocked")
error = raised(lambda: client.images.generate(model=IMAGE_MODEL, prompt=PROMPT))
check("moderation is BadRequestError", isinstance(error, openai.BadRequestError) and error.status_code == 400, repr(error))
check("moderation_blocked", (error.code, error.type) == ("moderation_blocked", "image_generation_user_error"), error.body)

add_fault("server_error")
error = raised(lambda: client.images.generate(model=IMAGE_MODEL, prompt=PROMPT))
check("500 is InternalServerError", isinstance(error, openai.InternalServerError) and error.status_code == 500, repr(error))
add_fault("unavailable", endpoint="responses")
error = raised(plan_call)
check("503 is InternalServerError", isinstance(error, openai.InternalServerError) and error.status_code == 503, repr(error))

error = raised(lambda: client.images.generate(model="gpt-image-9", prompt=PROMPT))
check("unknown image model is NotFoundError", isinstance(error, openai.NotFoundError) and error.code == "model_not_found", repr(error))
error = raised(lambda: client.images.generate(model="gpt-image-1", prompt=PROMPT))
check("retired gpt-image-1 is NotFoundError", isinstance(error, openai.NotFoundError) and "deprecated" in error.message, repr(error))
error = raised(lambda: plan_call(model="gpt-4-1106-preview"))
check("unknown text model is BadRequestError", isinstance(error, openai.BadRequestError) and (error.code, error.param) == ("model_not_found", "model"), repr(error))

error = raised(lambda: client.images.generate(model=IMAGE_MODEL, prompt=PROMPT, size="2048x2048"))
check("bad size names size", isinstance(error, openai.BadRequestError) and (error.param, error.code) == ("size", "invalid_value"), repr(error))
error = raised(
    lambda: client.images.edit(model="gpt-image-2", image=[("red.png", red, "image/png")], prompt="x", input_fidelity="high")
)
check("gpt-image-2 refuses input_fidelity", isinstance(error, openai.BadRequestError) and (error.param, error.code) == ("input_fidelity", "unsupported_parameter"), repr(error))
error = raised(
    lambda: client.images.edit(model="gpt-image-1-mini", image=[("red.png", red, "image/png")], prompt="x", input_fidelity="high")
)
check("mini takes only low fidelity", isinstance(error, openai.BadRequestError) and error.code == "invalid_value", repr(error))
error = raised(lambda: client.images.edit(model=IMAGE_MODEL, image=[("red.png", red, "image/png")] * 17, prompt="x"))
check("17 images are too many", isinstance(error, openai.BadRequestError) and error.code == "array_above_max_length", repr(error))

wrong = openai.OpenAI(base_url=API, api_key="sk-wrong-key-0000", max_retries=0)
error = raised(lambda: wrong.images.generate(model=IMAGE_MODEL, prompt=PROMPT))
check("wrong key is AuthenticationError", isinstance(error, openai.AuthenticationError) and error.code == "invalid_api_key", repr(error))
request = urllib.request.Request(API + "/responses", data=b"{}", method="POST")
try:
    urllib.request.urlopen(request, timeout=10)
    no_key = None
except urllib.error.HTTPError as http_error:
    no_key = (http_error.code, json.loads(http_error.read())["error"])
check("no key is 401 with code null", no_key and no_key[0] == 401 and no_key[1]["code"] is None, no_key)

# 7. The SDK's own retry honours retry-after-ms and then succeeds.
control("DELETE", "/_fake/requests")
add_fault("rate_limited")
retrying = openai.OpenAI(base_url=API, api_key=KEY, max_retries=2)
retried = retrying.images.generate(model=IMAGE_MODEL, prompt=PROMPT, quality="low")
outcomes = [e["outcome"]["result"] for e in control("GET", "/_fake/requests")]
check("retried after 429", outcomes == ["rate_limited", "image"] and retried.data, outcomes)

# 8. The async client (another HTTP path in the SDK) reads the same.
async_client = openai.AsyncOpenAI(base_url=API, api_key=KEY, max_retries=0)
async_answer = asyncio.run(async_client.images.generate(model=IMAGE_MODEL, prompt=PROMPT, quality="low"))
check("async client", png_size(b64decode(async_answer.data[0].b64_json)) == (1024, 1024), async_answer.size)

stats = control("GET", "/_fake/stats")
print(f"openai {openai.__version__}: {len(checks)} checks passed against {API}")
print(f"fake stats: {stats}")
