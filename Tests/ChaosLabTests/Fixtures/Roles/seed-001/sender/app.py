import json
import os

import pika
from flask import Flask, jsonify, request

app = Flask(__name__)
EXCHANGE = os.getenv("EXCHANGE_NAME", "eventos_clientes")
QUEUE = os.getenv("QUEUE_NAME", "cola_analiticas")
CLIENT = os.getenv("CLIENT_NAME", "cliente_x")


@app.route("/send", methods=["POST"])
def send():
    message = request.get_json(silent=True) or {}
    connection = pika.BlockingConnection(pika.ConnectionParameters(host=os.getenv("RABBITMQ_HOST", "rabbitmq")))
    channel = connection.channel()
    channel.exchange_declare(exchange=EXCHANGE, exchange_type="direct")
    channel.queue_declare(queue=QUEUE)
    channel.queue_bind(exchange=EXCHANGE, queue=QUEUE, routing_key=QUEUE)
    channel.basic_publish(exchange=EXCHANGE, routing_key=QUEUE, body=json.dumps({"cliente": CLIENT, **message}))
    connection.close()
    return jsonify({"status": "enviado"})


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
