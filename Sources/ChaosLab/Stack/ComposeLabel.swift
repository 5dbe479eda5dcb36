/// The labels compose (v1 and v2) puts on what it creates.
enum ComposeLabel {
    static let project = "com.docker.compose.project"
    static let service = "com.docker.compose.service"
    static let containerNumber = "com.docker.compose.container-number"
    static let oneOff = "com.docker.compose.oneoff"
}
