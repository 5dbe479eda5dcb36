"""Records the management API answers the ManagementAPI tests decode.

Run against a throwaway RabbitMQ with the management plugin (the answers were recorded from
chaoslab/rabbitmq:3.10, RabbitMQ 3.10.8):

    docker network create mgmt-rec
    docker run -d --name mgmt-rec-broker --network mgmt-rec --hostname mgmtrec \
        -e RABBITMQ_DEFAULT_USER=u -e RABBITMQ_DEFAULT_PASS=p chaoslab/rabbitmq:3.10
    python3 record.py <container ip> mgmt-rec-broker
    docker rm -f mgmt-rec-broker; docker network rm mgmt-rec

The broker state is what a worker stack looks like mid-run: a durable work queue whose
dead-letter exchange is a declaration argument, queues whose limits come from policies (one
of them also with arguments, so the tests can see which side wins), a quorum queue, and three
consumers (prefetch 1 with manual acknowledgements, auto-ack, a channel-wide prefetch).
"""

import base64
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pika

HOST, CONTAINER = sys.argv[1], sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
BASE = f"http://{HOST}:15672/api"


def ctl(*arguments):
    subprocess.run(["docker", "exec", CONTAINER, "rabbitmqctl", "-q", *arguments], check=True)


def request(method, path, user="u", password="p"):
    req = urllib.request.Request(BASE + path, method=method)
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    req.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(req, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def save(name, path, **credentials):
    status, body = request("GET", path, **credentials)
    if status == 200:
        text = json.dumps(json.loads(body), indent=2, ensure_ascii=False) + "\n"
        with open(os.path.join(HERE, name + ".json"), "w") as file:
            file.write(text)
    else:
        with open(os.path.join(HERE, name + ".json"), "w") as file:
            json.dump({"status": status, "body": body}, file, indent=2)
            file.write("\n")
    print(name, status, len(body))


def connect(name):
    parameters = pika.ConnectionParameters(
        host=HOST,
        credentials=pika.PlainCredentials("u", "p"),
        heartbeat=0,
        client_properties={"connection_name": name},
    )
    return pika.BlockingConnection(parameters)


ctl("set_policy", "orders-limits", "^orders",
    '{"dead-letter-exchange":"orders.dlx","dead-letter-routing-key":"expired",'
    '"max-length":100,"overflow":"reject-publish","message-ttl":60000}',
    "--priority", "1", "--apply-to", "queues")
ctl("set_policy", "capped-limits", "^capped$",
    '{"dead-letter-exchange":"policy.dlx","max-length":5,"overflow":"reject-publish","message-ttl":30000}',
    "--priority", "2", "--apply-to", "queues")
ctl("set_operator_policy", "operator-cap", "^task_queue$", '{"max-length":1000}', "--apply-to", "queues")
ctl("set_policy", "quorum-overflow", "^quorum\\.",
    '{"overflow":"reject-publish","max-length":50}', "--apply-to", "queues")

setup = connect("recorder-setup")
channel = setup.channel()
channel.exchange_declare("tasks", "direct", durable=True)
channel.exchange_declare("tasks.dlx", "fanout", durable=True)
channel.exchange_declare("orders.dlx", "fanout", durable=True)
channel.queue_declare("task_queue", durable=True, arguments={
    "x-dead-letter-exchange": "tasks.dlx", "x-dead-letter-routing-key": "task_queue.dlq"})
channel.queue_declare("task_queue.dlq", durable=True)
channel.queue_bind("task_queue", "tasks", routing_key="task")
channel.queue_bind("task_queue.dlq", "tasks.dlx", routing_key="")
channel.queue_declare("orders queue", durable=True)
channel.queue_bind("orders queue", "tasks", routing_key="order", arguments={"x-match": "all", "origin": "web"})
channel.queue_declare("capped", durable=False, arguments={
    "x-dead-letter-exchange": "arg.dlx", "x-max-length": 10, "x-overflow": "drop-head", "x-message-ttl": 120000})
channel.queue_declare("quorum.jobs", durable=True, arguments={
    "x-queue-type": "quorum", "x-overflow": "drop-head", "x-max-length": 500})
for number in range(10):
    channel.basic_publish("tasks", "task", f"task-{number}".encode(),
                          pika.BasicProperties(delivery_mode=2))
for number in range(3):
    channel.basic_publish("tasks", "order", f"order-{number}".encode())
for number in range(3):
    channel.basic_publish("", "capped", f"capped-{number}".encode())
for number in range(2):
    channel.basic_publish("", "quorum.jobs", f"job-{number}".encode())

# A one-off reader: basic.get with acknowledgements, for the channel's `get` counter.
for _ in range(2):
    method, _, _ = channel.basic_get("task_queue")
    channel.basic_ack(method.delivery_tag)

# Worker with prefetch 1 and manual acknowledgements: acks, rejects to the dead-letter queue,
# requeues once (a redelivery), and keeps the last delivery unacknowledged.
acking = connect("worker-ack")
acking_channel = acking.channel()
acking_channel.basic_qos(prefetch_count=1)
seen = []


def on_task(channel, method, properties, body):
    seen.append(body)
    count = len(seen)
    if count in (1, 2, 5):
        channel.basic_ack(method.delivery_tag)
    elif count in (3, 4):
        channel.basic_reject(method.delivery_tag, requeue=False)
    elif count == 6:
        channel.basic_nack(method.delivery_tag, requeue=True)
    elif count == 7:
        channel.basic_ack(method.delivery_tag)
    # the 8th stays unacknowledged


acking_channel.basic_consume("task_queue", on_task, consumer_tag="worker-ack-1")
deadline = time.time() + 10
while len(seen) < 8 and time.time() < deadline:
    acking.process_data_events(time_limit=0.2)

# Auto-ack consumer: the broker counts a message handled the moment it is sent.
auto = connect("worker-autoack")
auto_channel = auto.channel()
auto_channel.basic_consume("orders queue", lambda *_: None, auto_ack=True, consumer_tag="worker-autoack-1")
auto.process_data_events(time_limit=1)

# Channel-wide prefetch (global=true) and one unacknowledged delivery held.
shared = connect("worker-global")
shared_channel = shared.channel()
shared_channel.basic_qos(prefetch_count=1, global_qos=True)
shared_channel.basic_consume("capped", lambda *_: None, consumer_tag="worker-global-1")
shared.process_data_events(time_limit=1)

print("deliveries seen by worker-ack:", len(seen))
time.sleep(7)  # channel and queue counters refresh every collect_statistics_interval (5 s)

save("overview", "/overview")
save("channels", "/vhosts/%2F/channels")
save("consumers", "/consumers/%2F")
save("connections", "/vhosts/%2F/connections")
save("queues", "/queues/%2F")
save("queue-task_queue", "/queues/%2F/task_queue")
save("queue-orders_queue", "/queues/%2F/" + urllib.parse.quote("orders queue", safe=""))
save("queue-capped", "/queues/%2F/capped")
save("exchange-tasks", "/exchanges/%2F/tasks")
save("bindings-tasks", "/exchanges/%2F/tasks/bindings/source")
save("policies", "/policies/%2F")

save("whoami", "/whoami")

# Error answers, recorded as {"status", "body"}. RabbitMQ 3.10 answers 401 both for a wrong
# password and for a user that lacks a tag or vhost permission; only the reason tells them apart.
ctl("add_user", "nobody", "nobody-secret")
ctl("add_user", "watcher", "watcher-secret")
ctl("set_user_tags", "watcher", "management")
ctl("set_permissions", "watcher", ".*", ".*", ".*")
ctl("add_user", "stranger", "stranger-secret")
ctl("set_user_tags", "stranger", "management")
save("error-401-login-failed", "/overview", password="wrong")
save("error-401-not-management-user", "/overview", user="nobody", password="nobody-secret")
save("error-401-not-monitor-user", "/nodes", user="watcher", password="watcher-secret")
save("error-401-vhost-access", "/queues/%2F", user="stranger", password="stranger-secret")
save("error-404-queue", "/queues/%2F/no-such-queue")
# A user with only the management tag sees its own connections and channels, none of the others.
save("whoami-management-only", "/whoami", user="watcher", password="watcher-secret")
save("channels-management-only", "/vhosts/%2F/channels", user="watcher", password="watcher-secret")
# A quorum queue reports its figures on its own tick: queues.json may list it without them (it
# did when these were recorded); the single-queue answer, taken later, has them.
time.sleep(6)
save("queue-quorum.jobs", "/queues/%2F/quorum.jobs")
status, body = request("DELETE", "/queues/%2F/" + urllib.parse.quote("task_queue.dlq", safe="") + "/contents")
print("purge task_queue.dlq", status, repr(body))

for connection in (acking, auto, shared, setup):
    connection.close()
