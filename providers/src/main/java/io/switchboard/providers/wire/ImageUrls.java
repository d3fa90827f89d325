package io.switchboard.providers.wire;

import io.switchboard.core.model.ContentPart;

/** Converts between OpenAI image URLs, which may be {@code data:} URLs, and neutral {@link ContentPart.Image}s. */
public final class ImageUrls {
    private static final String BASE64_MARKER = ";base64,";

    private ImageUrls() {}

    /** A {@code data:<type>;base64,<data>} URL becomes an inline image; any other URL stays a URL. */
    public static ContentPart.Image parse(String url) {
        if (url.regionMatches(true, 0, "data:", 0, 5)) {
            int marker = url.indexOf(BASE64_MARKER);
            if (marker > 5) return new ContentPart.Image(url.substring(5, marker), url.substring(marker + BASE64_MARKER.length()), null);
        }
        return new ContentPart.Image(null, null, url);
    }

    /** The image's URL, building a {@code data:} URL for inline images. */
    public static String toUrl(ContentPart.Image image) {
        if (image.url() != null) return image.url();
        String type = image.mediaType() == null ? "application/octet-stream" : image.mediaType();
        return "data:" + type + BASE64_MARKER + (image.data() == null ? "" : image.data());
    }
}
