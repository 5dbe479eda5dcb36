import json
import os
import threading
from collections import defaultdict

import pika
from flask import Flask, jsonify

app = Flask(__name__)
contador = defaultdict(int)
QUEUE = os.getenv("QUEUE_NAME", "cola_analiticas")


def callback(ch, method, properties, body):
    evento = json.loads(body)
    contador[evento.get("cliente", "desconocido")] += 1
    print(f"Evento recibido: {evento}")


def consumir():
    connection = pika.BlockingConnection(pika.ConnectionParameters(host=os.getenv("RABBITMQ_HOST", "rabbitmq")))
    channel = connection.channel()
    channel.queue_declare(queue=QUEUE)
    channel.basic_consume(queue=QUEUE, on_message_callback=callback, auto_ack=True)
    channel.start_consuming()


@app.route("/reporte")
def reporte():
    return jsonify(contador)


threading.Thread(target=consumir, daemon=True).start()

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
