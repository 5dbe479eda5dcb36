import Hummingbird

/// The API's responses: small JSON objects of strings.
enum JSONResponse {
    /// A response with `fields` as a JSON object and `Content-Type: application/json`.
    static func make(_ status: HTTPResponse.Status, _ fields: KeyValuePairs<String, String>, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: encode(fields))))
    }

    /// `fields` as one JSON object, keys in the given order.
    static func encode(_ fields: KeyValuePairs<String, String>) -> String {
        "{" + fields.map { "\(JSONText.quoted($0.key)):\(JSONText.quoted($0.value))" }.joined(separator: ",") + "}"
    }
}
