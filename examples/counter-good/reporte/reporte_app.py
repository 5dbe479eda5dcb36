"""Reporte: consume los eventos de cola_analiticas, cuenta cuantos envio cada cliente y
muestra el total en GET /reporte.

- prefetch_count=1 y ack manual: el ack se envia solo despues de guardar el conteo en disco.
- Los conteos se guardan en /data/conteos.json (un volumen) junto con los message_id ya
  contados, asi un evento que RabbitMQ vuelve a entregar (por ejemplo si el reporte se cayo
  antes del ack) no se cuenta dos veces.
- El consumidor corre en un hilo aparte y se reconecta solo si RabbitMQ se reinicia; Flask
  corre en el hilo principal.
- /reporte pide usuario y contrasena (basic auth, REPORTE_USER y REPORTE_PASSWORD).
"""
import hmac
import json
import os
import threading
import time
from collections import deque

import pika
from flask import Flask, jsonify, request

# Configuración
RABBITMQ_HOST = os.getenv("RABBITMQ_HOST", "rabbitmq")
RABBITMQ_USER = os.getenv("RABBITMQ_USER", "analiticas")
RABBITMQ_PASSWORD = os.environ["RABBITMQ_PASSWORD"]
EXCHANGE = "eventos_clientes"
COLA = "cola_analiticas"
ROUTING_KEY = "analiticas"
ARCHIVO = os.getenv("ARCHIVO_CONTEOS", "/data/conteos.json")
MAX_IDS = 100000  # cuantos message_id recordamos para descartar repetidos
REPORTE_USER = os.getenv("REPORTE_USER", "admin")
REPORTE_PASSWORD = os.environ["REPORTE_PASSWORD"]

app = Flask(__name__)

# Almacenamiento (compartido entre el hilo del consumidor y Flask)
lock = threading.Lock()
conteos = {}
ids_vistos = set()
orden_ids = deque()


def cargar():
    """Lee los conteos guardados al arrancar (si existen)."""
    if not os.path.exists(ARCHIVO):
        print(f" [*] No hay {ARCHIVO}, empezando desde cero")
        return
    with open(ARCHIVO) as f:
        datos = json.load(f)
    conteos.update(datos.get("conteos", {}))
    for message_id in datos.get("ids", []):
        recordar(message_id)
    print(f" [*] Conteos cargados de {ARCHIVO}: {conteos}")


def recordar(message_id):
    ids_vistos.add(message_id)
    orden_ids.append(message_id)
    while len(orden_ids) > MAX_IDS:
        ids_vistos.discard(orden_ids.popleft())


def guardar(nuevos_conteos, ids):
    """Escribe el archivo de forma atomica: archivo temporal, fsync y os.replace."""
    os.makedirs(os.path.dirname(ARCHIVO), exist_ok=True)
    temporal = ARCHIVO + ".tmp"
    with open(temporal, "w") as f:
        json.dump({"conteos": nuevos_conteos, "ids": ids}, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporal, ARCHIVO)


def callback(ch, method, properties, body):
    try:
        datos = json.loads(body)
        cliente = datos["cliente"]
    except (ValueError, KeyError, TypeError):
        print(f" [!] Mensaje invalido, descartado: {body[:80]!r}")
        ch.basic_reject(delivery_tag=method.delivery_tag, requeue=False)
        return

    message_id = properties.message_id
    with lock:
        if message_id and message_id in ids_vistos:
            print(f" [!] Evento repetido, ignorado: {message_id} de {cliente}")
        else:
            nuevos = dict(conteos)
            nuevos[cliente] = nuevos.get(cliente, 0) + 1
            ids = list(orden_ids)
            if message_id:
                ids.append(message_id)
            guardar(nuevos, ids[-MAX_IDS:])
            # La memoria se actualiza solo cuando el archivo ya quedo guardado
            conteos[cliente] = nuevos[cliente]
            if message_id:
                recordar(message_id)
            print(f" [x] Recibido evento de {cliente} (total {conteos[cliente]})")
    # El ack va despues de guardar: si el reporte se cae antes, RabbitMQ lo vuelve a entregar
    ch.basic_ack(delivery_tag=method.delivery_tag)


def iniciar_consumidor():
    parametros = pika.ConnectionParameters(
        host=RABBITMQ_HOST,
        credentials=pika.PlainCredentials(RABBITMQ_USER, RABBITMQ_PASSWORD),
        heartbeat=30,
        client_properties={"connection_name": "reporte"},
    )
    connection = pika.BlockingConnection(parametros)
    channel = connection.channel()
    channel.exchange_declare(exchange=EXCHANGE, exchange_type="direct", durable=True)
    channel.queue_declare(queue=COLA, durable=True)
    channel.queue_bind(queue=COLA, exchange=EXCHANGE, routing_key=ROUTING_KEY)
    channel.basic_qos(prefetch_count=1)
    channel.basic_consume(queue=COLA, on_message_callback=callback, auto_ack=False)
    print(f" [*] Esperando eventos en {COLA}. Para salir CTRL+C")
    try:
        channel.start_consuming()
    finally:
        if connection.is_open:
            connection.close()


def consumidor_con_reintentos():
    while True:
        try:
            iniciar_consumidor()
        except (pika.exceptions.AMQPError, OSError) as error:
            print(f" [!] Se perdio la conexion con RabbitMQ ({error!r}), reintentando en 2 s")
        except Exception as error:
            print(f" [!] Error en el consumidor ({error!r}), reintentando en 2 s")
        time.sleep(2)


def iguales(recibido, esperado):
    # compare_digest tarda lo mismo sin importar en que caracter difieren
    return hmac.compare_digest((recibido or "").encode(), esperado.encode())


def autenticado():
    auth = request.authorization
    if auth is None:
        return False
    usuario_ok = iguales(auth.username, REPORTE_USER)
    password_ok = iguales(auth.password, REPORTE_PASSWORD)
    return usuario_ok and password_ok


@app.route("/reporte")
def reporte():
    if not autenticado():
        respuesta = jsonify(error="se necesita usuario y contrasena")
        respuesta.status_code = 401
        respuesta.headers["WWW-Authenticate"] = 'Basic realm="reporte"'
        return respuesta
    with lock:
        return jsonify(conteos)


if __name__ == "__main__":
    cargar()
    consumer_thread = threading.Thread(target=consumidor_con_reintentos, daemon=True)
    consumer_thread.start()
    app.run(host="0.0.0.0", port=5064)
