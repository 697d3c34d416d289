//! The printable guide: one self-contained HTML5 page with the project's
//! title, description and materials, an optional time-lapse, and every step
//! with its picture, tools, safety notes and tips.
//!
//! The page needs nothing outside itself: pictures are inlined as `data:`
//! URIs and the style sheet sits in the head. It reads well on a screen and
//! prints on A4 or Letter with no step split across pages. All user text is
//! HTML-escaped, and the output is a pure function of the input.

use std::fmt::Write as _;

use crate::svg::escape;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use plan::request::StepText;
use plan::GuideRequest;

/// An encoded picture to inline into the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GuideImage<'a> {
    /// The file's bytes (PNG, WebP, GIF, SVG...).
    pub bytes: &'a [u8],
    /// Its media type, e.g. `image/png`.
    pub content_type: &'a str,
}

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d8dee4;
  --soft: #f6f8fa; --warn: #9a5b00; --warn-bg: #fff8e6; --tip: #3b6ea8; --tip-bg: #f2f7fc; }
* { box-sizing: border-box; }
body { margin: 0; background: #eef0f2; color: var(--ink); line-height: 1.55;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Noto Sans", "Liberation Sans", sans-serif; font-size: 1rem; }
main { max-width: 860px; margin: 0 auto; padding: 2.5rem 2rem 3rem; background: #fff; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 0.75rem; }
h2 { font-size: 1.35rem; line-height: 1.3; margin: 0 0 0.75rem; }
h3 { font-size: 0.85rem; letter-spacing: 0.05em; text-transform: uppercase;
  color: var(--muted); margin: 1rem 0 0.3rem; }
p { margin: 0 0 0.75rem; }
ul { margin: 0.25rem 0 0.5rem; padding-left: 1.4rem; }
li { margin: 0.15rem 0; }
img { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figure { margin: 1rem 0; }
figcaption { color: var(--muted); font-size: 0.9rem; text-align: center; margin-top: 0.4rem; }
.description { font-size: 1.1rem; color: #333a42; }
.materials { background: var(--soft); border: 1px solid var(--line); border-radius: 8px;
  padding: 0.9rem 1.25rem; margin: 1.5rem 0; }
.materials h2 { font-size: 1.1rem; margin-bottom: 0.4rem; }
.materials ul { columns: 2; column-gap: 2rem; }
.timelapse img, .step img { border: 1px solid var(--line); border-radius: 6px; }
.step { border-top: 2px solid var(--line); padding: 1.75rem 0 1rem; }
.step-number { display: inline-block; border: 2px solid var(--ink); border-radius: 6px;
  padding: 0 0.4em; margin-right: 0.45em; font-variant-numeric: tabular-nums; }
.safety { border: 2px solid var(--warn); border-left-width: 8px; border-radius: 6px;
  background: var(--warn-bg); padding: 0.5rem 1rem; margin: 1rem 0; }
.safety h3 { color: var(--warn); margin-top: 0.25rem; }
.tips { border-left: 4px solid var(--tip); background: var(--tip-bg); border-radius: 0 6px 6px 0;
  padding: 0.5rem 1rem; margin: 1rem 0; }
.tips h3 { color: var(--tip); margin-top: 0.25rem; }
@media (max-width: 600px) {
  main { padding: 1.5rem 1rem 2rem; }
  h1 { font-size: 1.6rem; }
  .materials ul { columns: 1; }
}
@page { margin: 15mm; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .step, figure, .materials, .safety, .tips { break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  img { max-height: 125mm; width: auto; }
  .safety, .tips, .materials { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// The picture as a `data:` URI, escaped for an attribute.
fn data_uri(image: &GuideImage<'_>) -> String {
    format!(
        "data:{};base64,{}",
        escape(image.content_type.trim()),
        STANDARD.encode(image.bytes)
    )
}

/// Text as paragraphs: blank lines separate paragraphs, single line breaks
/// are kept.
fn paragraphs(out: &mut String, text: &str, class: Option<&str>) {
    let class = class.map(|c| format!(" class=\"{c}\"")).unwrap_or_default();
    let text = text.replace("\r\n", "\n");
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let lines: Vec<String> = para.lines().map(|l| escape(l.trim())).collect();
        let _ = writeln!(out, "<p{class}>{}</p>", lines.join("<br>\n"));
    }
}

fn list(out: &mut String, items: &[String]) {
    out.push_str("<ul>\n");
    for item in items {
        let _ = writeln!(out, "<li>{}</li>", escape(item));
    }
    out.push_str("</ul>\n");
}

fn step(out: &mut String, number: usize, text: &StepText, image: Option<&GuideImage<'_>>) {
    let title = escape(text.title.trim());
    let _ = writeln!(out, "<article class=\"step\" id=\"step-{number}\">");
    let _ = writeln!(
        out,
        "<h2><span class=\"step-number\">Step {number}</span> \
         <span class=\"step-title\">{title}</span></h2>"
    );
    if let Some(image) = image {
        let alt = if title.is_empty() {
            format!("Step {number}")
        } else {
            format!("Step {number}: {title}")
        };
        let _ = writeln!(
            out,
            "<figure><img src=\"{}\" alt=\"{alt}\"></figure>",
            data_uri(image)
        );
    }
    paragraphs(out, &text.description, None);
    if !text.tools.is_empty() {
        out.push_str("<section class=\"tools\">\n<h3>Tools</h3>\n");
        list(out, &text.tools);
        out.push_str("</section>\n");
    }
    if !text.safety_notes.is_empty() {
        out.push_str(
            "<aside class=\"safety\" role=\"note\" aria-label=\"Safety\">\n\
             <h3><span aria-hidden=\"true\">&#9888;</span> Safety</h3>\n",
        );
        list(out, &text.safety_notes);
        out.push_str("</aside>\n");
    }
    if !text.tips.is_empty() {
        out.push_str("<aside class=\"tips\" aria-label=\"Tips\">\n<h3>Tips</h3>\n");
        list(out, &text.tips);
        out.push_str("</aside>\n");
    }
    out.push_str("</article>\n");
}

/// The whole guide as one self-contained HTML5 document. `images[i]` is the
/// picture of step `i + 1`; steps past the end of `images` have none.
pub fn guide_html(
    request: &GuideRequest,
    images: &[GuideImage<'_>],
    timelapse: Option<GuideImage<'_>>,
) -> String {
    let images: Vec<Option<GuideImage<'_>>> = images.iter().copied().map(Some).collect();
    guide_html_with_gaps(request, &images, timelapse)
}

/// [`guide_html`] for a guide some of whose steps have no picture (still
/// generating, or failed): `images[i]` is step `i + 1`'s, if any.
pub fn guide_html_with_gaps(
    request: &GuideRequest,
    images: &[Option<GuideImage<'_>>],
    timelapse: Option<GuideImage<'_>>,
) -> String {
    let title = escape(request.title.trim());
    let page_title = if title.is_empty() {
        "Build guide".to_string()
    } else {
        title.clone()
    };
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{page_title}</title>");
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>\n<main>");
    let _ = writeln!(out, "<header>\n<h1>{page_title}</h1>");
    paragraphs(&mut out, &request.description, Some("description"));
    out.push_str("</header>\n");
    if !request.materials.is_empty() {
        out.push_str("<section class=\"materials\">\n<h2>Materials</h2>\n");
        list(&mut out, &request.materials);
        out.push_str("</section>\n");
    }
    if let Some(image) = &timelapse {
        let _ = writeln!(
            out,
            "<figure class=\"timelapse\"><img src=\"{}\" alt=\"Time-lapse of the build: \
             {page_title}\"><figcaption>The build, step by step</figcaption></figure>",
            data_uri(image)
        );
    }
    for (i, text) in request.steps.iter().enumerate() {
        step(
            &mut out,
            i + 1,
            text,
            images.get(i).and_then(Option::as_ref),
        );
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\nfake";
    const WEBP: &[u8] = b"RIFF\0\0\0\0WEBPfake";

    fn request() -> GuideRequest {
        GuideRequest {
            title: "Bottle <script>alert('x')</script> & Planter".into(),
            description: "A self-watering planter.\n\nUses \"recycled\" parts.".into(),
            materials: vec!["2-liter soda bottle".into(), "potting soil & gravel".into()],
            steps: vec![
                StepText {
                    title: "Cut the bottle".into(),
                    description: "Cut it in half.".into(),
                    tools: vec!["craft knife".into()],
                    safety_notes: vec!["Cut away from your <body>.".into()],
                    tips: vec!["Mark the line with tape first.".into()],
                },
                StepText::new("Thread the wick", "Push the string through the cap."),
                StepText::new("Fill with soil", "Fill the top half with soil."),
            ],
            ..Default::default()
        }
    }

    fn images() -> Vec<GuideImage<'static>> {
        vec![
            GuideImage {
                bytes: PNG,
                content_type: "image/png",
            },
            GuideImage {
                bytes: WEBP,
                content_type: "image/webp",
            },
        ]
    }

    #[test]
    fn is_a_self_contained_html5_document() {
        let html = guide_html(&request(), &images(), None);
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains("<meta name=\"viewport\""));
        assert!(html.contains("<title>Bottle &lt;script&gt;"));
        assert!(html.contains("@media print") && html.contains("break-inside: avoid"));
        assert!(html.contains("max-width: 860px") && html.contains("system-ui"));
        for external in ["http://", "https://", "<link", "<script", "url("] {
            assert!(!html.contains(external), "page refers to {external}");
        }
        assert!(html.trim_end().ends_with("</html>"));
    }

    #[test]
    fn escapes_every_piece_of_user_text() {
        let html = guide_html(&request(), &images(), None);
        assert!(!html.contains("<script>"));
        assert!(html.contains(
            "<h1>Bottle &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Planter</h1>"
        ));
        assert!(html.contains("Uses &quot;recycled&quot; parts."));
        assert!(html.contains("your &lt;body&gt;."));
        assert!(html.contains("<li>potting soil &amp; gravel</li>"));
        assert_eq!(escape(r#"&<>"'"#), "&amp;&lt;&gt;&quot;&#39;");
    }

    #[test]
    fn lists_every_step_in_order_with_its_picture() {
        let html = guide_html(&request(), &images(), None);
        let mut at = 0;
        for (n, title) in ["Cut the bottle", "Thread the wick", "Fill with soil"]
            .iter()
            .enumerate()
        {
            let heading = format!(
                "<span class=\"step-number\">Step {}</span> <span class=\"step-title\">{title}</span>",
                n + 1
            );
            let found = html[at..].find(&heading).map(|i| at + i);
            at = found.unwrap_or_else(|| panic!("step {} missing or out of order", n + 1));
        }
        assert_eq!(html.matches("<article class=\"step\"").count(), 3);
        let png = format!("data:image/png;base64,{}", STANDARD.encode(PNG));
        let webp = format!("data:image/webp;base64,{}", STANDARD.encode(WEBP));
        assert!(html.contains(&format!(
            "<img src=\"{png}\" alt=\"Step 1: Cut the bottle\">"
        )));
        assert!(html.contains(&format!(
            "<img src=\"{webp}\" alt=\"Step 2: Thread the wick\">"
        )));
        // Only two pictures for three steps: the third step is listed without one.
        assert_eq!(html.matches("<img ").count(), 2);
        let third = &html[html.find("id=\"step-3\"").unwrap()..];
        assert!(third.contains("Fill the top half with soil.") && !third.contains("<img"));
    }

    #[test]
    fn safety_and_tips_only_when_given() {
        let html = guide_html(&request(), &[], None);
        assert_eq!(html.matches("<aside class=\"safety\"").count(), 1);
        assert_eq!(html.matches("<aside class=\"tips\"").count(), 1);
        assert_eq!(html.matches("<section class=\"tools\"").count(), 1);
        let first = &html[html.find("id=\"step-1\"").unwrap()..html.find("id=\"step-2\"").unwrap()];
        assert!(first.contains("Safety</h3>") && first.contains("Tips</h3>"));
        assert!(first.contains("<li>craft knife</li>"));
        let rest = &html[html.find("id=\"step-2\"").unwrap()..];
        assert!(!rest.contains("Safety") && !rest.contains("Tips") && !rest.contains("Tools"));
        assert_eq!(html.matches("<img ").count(), 0);
    }

    #[test]
    fn materials_and_timelapse() {
        let gif = GuideImage {
            bytes: b"GIF89a",
            content_type: "image/gif",
        };
        let html = guide_html(&request(), &[], Some(gif));
        assert!(html.contains("<h2>Materials</h2>"));
        assert!(html.contains("<li>2-liter soda bottle</li>"));
        let lapse = format!("data:image/gif;base64,{}", STANDARD.encode(b"GIF89a"));
        assert!(html.contains(&format!("<figure class=\"timelapse\"><img src=\"{lapse}\"")));
        let materials = html.find("<h2>Materials</h2>").unwrap();
        assert!(materials < html.find("timelapse\"><img").unwrap());
        assert!(html.find("timelapse\"><img").unwrap() < html.find("id=\"step-1\"").unwrap());

        let bare = GuideRequest {
            materials: vec![],
            ..request()
        };
        let html = guide_html(&bare, &[], None);
        assert!(!html.contains("Materials") && !html.contains("class=\"timelapse\""));
    }

    #[test]
    fn is_deterministic() {
        let a = guide_html(&request(), &images(), None);
        assert_eq!(a, guide_html(&request(), &images(), None));
    }
}
