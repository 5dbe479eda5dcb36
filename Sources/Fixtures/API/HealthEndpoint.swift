import Hummingbird

/// `GET /api/health`, without authentication: whether the API can publish right now.
struct HealthEndpoint: Sendable {
    let link: BrokerLink

    func respond() async -> Response {
        if await link.isConnected {
            return JSONResponse.make(.ok, ["status": "ok", "broker": "connected"])
        }
        return JSONResponse.make(.serviceUnavailable, ["status": "degraded", "broker": "disconnected"])
    }
}
