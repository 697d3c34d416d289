//! The concept image: the maker's picture of the finished project, sent
//! inline as a `data:` URL so a request stays one JSON document.
//!
//! Checked when the request is accepted (type, base64, size, and that the
//! bytes really are the image type they claim), so a bad image is a 422
//! naming `concept_image`, not a provider error minutes later.

use base64::Engine as _;

use super::validate::limits::MAX_CONCEPT_IMAGE_BYTES;

/// A decoded concept image.
#[derive(Clone, Debug, PartialEq)]
pub struct ConceptImage {
    /// `image/png`, `image/jpeg` or `image/webp`.
    pub mime_type: &'static str,
    pub bytes: Vec<u8>,
}

/// The image types accepted, with the bytes each file starts with.
const TYPES: [(&str, &[u8]); 3] = [
    ("image/png", b"\x89PNG\r\n\x1a\n"),
    ("image/jpeg", b"\xff\xd8\xff"),
    ("image/webp", b"RIFF"),
];

/// Decodes `data:image/<type>;base64,<data>`; the error says what is wrong.
pub fn decode_image_data_url(url: &str) -> Result<ConceptImage, String> {
    let rest = url
        .strip_prefix("data:")
        .ok_or("must be a data: URL (data:image/png;base64,...)")?;
    let (header, data) = rest
        .split_once(',')
        .ok_or("must be a data: URL with a comma before the data")?;
    let mime = header
        .strip_suffix(";base64")
        .ok_or("must be base64 (data:image/png;base64,...)")?
        .to_ascii_lowercase();
    let (mime_type, magic) = TYPES
        .iter()
        .find(|(name, _)| *name == mime)
        .ok_or_else(|| format!("must be image/png, image/jpeg or image/webp, found {mime:?}"))?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data.trim())
        .map_err(|e| format!("is not valid base64: {e}"))?;
    if bytes.len() > MAX_CONCEPT_IMAGE_BYTES {
        return Err(format!(
            "must be at most {MAX_CONCEPT_IMAGE_BYTES} bytes, found {}",
            bytes.len()
        ));
    }
    let webp_ok = *mime_type != "image/webp" || bytes.get(8..12) == Some(b"WEBP");
    if !bytes.starts_with(magic) || !webp_ok {
        return Err(format!(
            "is not a {mime_type} image (its bytes say otherwise)"
        ));
    }
    Ok(ConceptImage { mime_type, bytes })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(mime: &str, bytes: &[u8]) -> String {
        format!(
            "data:{mime};base64,{}",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        )
    }

    #[test]
    fn decodes_each_type() {
        let png = b"\x89PNG\r\n\x1a\nrest";
        assert_eq!(
            decode_image_data_url(&url("image/png", png)),
            Ok(ConceptImage {
                mime_type: "image/png",
                bytes: png.to_vec()
            })
        );
        assert!(decode_image_data_url(&url("image/jpeg", b"\xff\xd8\xff\xe0")).is_ok());
        assert!(decode_image_data_url(&url("IMAGE/WEBP", b"RIFF\0\0\0\0WEBPVP8 ")).is_ok());
    }

    #[test]
    fn names_what_is_wrong() {
        let cases = [
            ("https://x/y.png", "must be a data: URL"),
            ("data:image/png;base64", "comma"),
            ("data:image/png,abc", "must be base64"),
            ("data:image/gif;base64,R0lG", "found \"image/gif\""),
            ("data:image/png;base64,***", "not valid base64"),
        ];
        for (input, expected) in cases {
            let error = decode_image_data_url(input).expect_err(input);
            assert!(error.contains(expected), "{input}: {error}");
        }
        let error = decode_image_data_url(&url("image/png", b"GIF89a")).expect_err("lies");
        assert_eq!(error, "is not a image/png image (its bytes say otherwise)");
        let error =
            decode_image_data_url(&url("image/webp", b"RIFF\0\0\0\0WAVE")).expect_err("wav");
        assert!(error.contains("image/webp"));
        let big = vec![0u8; MAX_CONCEPT_IMAGE_BYTES + 1];
        assert!(decode_image_data_url(&url("image/png", &big))
            .expect_err("big")
            .contains("at most"));
    }
}
