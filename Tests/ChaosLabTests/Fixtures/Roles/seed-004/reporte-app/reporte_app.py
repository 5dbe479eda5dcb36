import threading
from collections import defaultdict

import pika
from flask import Flask

app = Flask(__name__)

# Almacenamiento
registro = defaultdict(int)

# Configuración
RABBITMQ_HOST = "rabbitmq"
RABBITMQ_QUEUE = "registro"


def callback(ch, method, properties, body):
    mensaje = body.decode()
    service_id = mensaje.split("'service_id': '")[1].split("'")[0]
    registro[service_id] += 1


def iniciar_consumidor():
    connection = pika.BlockingConnection(pika.ConnectionParameters(host=RABBITMQ_HOST))
    channel = connection.channel()
    channel.queue_declare(queue=RABBITMQ_QUEUE)
    channel.basic_consume(queue=RABBITMQ_QUEUE, on_message_callback=callback, auto_ack=True)
    channel.start_consuming()


@app.route("/reporte")
def reporte():
    return "\n".join(f"{servicio}: {total}" for servicio, total in registro.items())


consumer_thread = threading.Thread(target=iniciar_consumidor, daemon=True)
consumer_thread.start()
