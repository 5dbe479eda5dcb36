import os
import threading
import time
from collections import defaultdict

import pika
from flask import Flask, Response, request

app = Flask(__name__)

# Almacenamiento
registro = defaultdict(int)

# Configuración
RABBITMQ_HOST = "rabbitmq"
RABBITMQ_QUEUE = "registro"
REPORTE_USER = os.getenv("REPORTE_USER", "admin")
REPORTE_PASSWORD = os.getenv("REPORTE_PASSWORD", "123")


def callback(ch, method, properties, body):
    mensaje = body.decode()
    service_id = mensaje.split("'service_id': '")[1].split("'")[0]
    registro[service_id] += 1
    print(f" [x] Recibido {mensaje}")


def iniciar_consumidor():
    connection = pika.BlockingConnection(pika.ConnectionParameters(host=RABBITMQ_HOST))
    channel = connection.channel()
    channel.queue_declare(queue=RABBITMQ_QUEUE)
    channel.basic_consume(queue=RABBITMQ_QUEUE, on_message_callback=callback, auto_ack=True)
    print(" [*] Esperando mensajes. Para salir presione CTRL+C")
    channel.start_consuming()


def consumidor():
    # Si se cae la conexion con RabbitMQ, volvemos a conectar
    while True:
        try:
            iniciar_consumidor()
        except Exception as e:
            print(f" [!] Error en el consumidor: {e}. Reintentando en 2 segundos...")
            time.sleep(2)


def autenticado():
    auth = request.authorization
    return auth and auth.username == REPORTE_USER and auth.password == REPORTE_PASSWORD


@app.route("/reporte")
def reporte():
    if not autenticado():
        return Response("Acceso denegado", 401, {"WWW-Authenticate": 'Basic realm="Reporte"'})
    texto = "\n".join(f"{cliente}: {total}" for cliente, total in registro.items())
    return Response(texto, mimetype="text/plain")


if __name__ == "__main__":
    consumer_thread = threading.Thread(target=consumidor, daemon=True)
    consumer_thread.start()
    app.run(host="0.0.0.0", port=5064)
