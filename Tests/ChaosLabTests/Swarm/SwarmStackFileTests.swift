@testable import ChaosLab
import Foundation
import Testing

/// The compose file rewritten for `docker stack deploy`.
@Suite("Swarm stack file")
struct SwarmStackFileTests {
    static let compose = """
        services:
          rabbitmq:
            image: chaoslab/rabbitmq:3.10
            ports: ["127.0.0.1:5672:5672"]
            volumes: ["./rabbitmq:/etc/rabbitmq:ro", "data:/var/lib/rabbitmq"]
          worker:
            build: ./worker
            depends_on:
              rabbitmq:
                condition: service_healthy
            restart: always
            deploy:
              replicas: 2
          traefik:
            image: traefik
            volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro"]
            labels:
              traefik.http.middlewares.slash.redirectregex.regex: "^(.*)$$"
        volumes:
          data:
        x-chaoslab:
          broker:
            service: rabbitmq
        """

    func rendered(_ yaml: String = compose, built: [String: String] = ["worker": "lab_worker"]) throws -> YAMLValue {
        let file = try ComposeFile.parse(yaml: yaml, path: "/srv/lab/docker-compose.yml", environment: [:])
        let json = try SwarmStackFile(builtImages: built, directory: "/srv/lab", managerSocket: "/run/chaoslab-swarm/clnode1/docker.sock").render(file, project: "lab")
        return try JSONDecoder().decode(YAMLValue.self, from: Data(json.utf8))
    }

    @Test("a port is published in host mode on the node, without the host address Swarm cannot bind")
    func ports() throws {
        let ports = try rendered()["services"]?["rabbitmq"]?["ports"]
        #expect(ports == .sequence([.mapping(["target": .int(5672), "published": .int(5672), "protocol": .string("tcp"), "mode": .string("host")])]))
    }

    @Test("relative binds become absolute, named volumes stay, and the file's extension blocks are left out")
    func volumes() throws {
        let root = try rendered()
        let mounts = root["services"]?["rabbitmq"]?["volumes"]?.sequence ?? []
        #expect(mounts.first?["source"]?.text == "/srv/lab/rabbitmq")
        #expect(mounts.first?["read_only"] == .bool(true))
        #expect(mounts.last?["source"]?.text == "data")
        #expect(root["x-chaoslab"] == nil)
        #expect(root["volumes"]?["data"] != nil)
    }

    @Test("build, depends_on and restart are dropped; the built image is named; replicas stay")
    func built() throws {
        let worker = try rendered()["services"]?["worker"]
        #expect(worker?["image"]?.text == "lab_worker")
        #expect(worker?["build"] == nil && worker?["depends_on"] == nil && worker?["restart"] == nil)
        #expect(worker?["deploy"]?["replicas"] == .int(2))
    }

    @Test("a Docker socket mount gets the manager's socket and runs on the manager")
    func dockerSocket() throws {
        let traefik = try rendered()["services"]?["traefik"]
        #expect(traefik?["volumes"]?.sequence?.first?["source"]?.text == "/run/chaoslab-swarm/clnode1/docker.sock")
        #expect(traefik?["deploy"]?["placement"]?["constraints"] == .sequence([.string("node.role == manager")]))
    }

    @Test("a literal $ is written as $$, since stack deploy interpolates again")
    func dollars() throws {
        let label = try rendered()["services"]?["traefik"]?["labels"]?["traefik.http.middlewares.slash.redirectregex.regex"]
        #expect(label?.text == "^(.*)$$")
    }

    @Test("a service with build but no image the lab built, or a port range, is refused by name")
    func refusals() throws {
        let noImage = try #require(throws: StackError.self) { try rendered(built: [:]) }
        #expect(noImage.description.contains("`worker`"))
        let range = "services:\n  api:\n    image: x\n    ports: [\"8000-8010:8000-8010\"]\n"
        let rangeError = try #require(throws: StackError.self) { try rendered(range) }
        #expect(rangeError.description.contains("8000-8010"))
    }
}
