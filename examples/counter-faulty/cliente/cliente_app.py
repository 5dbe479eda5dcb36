import datetime
import os

import pika
from flask import Flask

app = Flask(__name__)

# Configuración
RABBITMQ_HOST = "rabbitmq"
RABBITMQ_QUEUE = "registro"
SERVICE_ID = os.getenv("SERVICE_ID", "app1")


def conectar_rabbitmq():
    connection = pika.BlockingConnection(pika.ConnectionParameters(host=RABBITMQ_HOST))
    channel = connection.channel()
    channel.queue_declare(queue=RABBITMQ_QUEUE)
    return connection, channel


@app.route("/cliente/<nombre>")
def registrar_servicio(nombre):
    connection, channel = conectar_rabbitmq()
    mensaje = {
        "service_id": SERVICE_ID,
        "timestamp": datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
        "action": "registro",
    }

    # Publicar mensaje en la cola
    channel.basic_publish(exchange="", routing_key=RABBITMQ_QUEUE, body=str(mensaje))
    print(f" [x] Enviado {mensaje}")
    connection.close()
    return f"registro enviado por {SERVICE_ID}"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
