# 1. Create two namespaces
kubectl create namespace frontend
kubectl create namespace backend
kubectl label namespace frontend tier=frontend

# 2. Create pods
kubectl create deployment api --image=nginx -n backend
kubectl expose deployment api --port=80 -n backend

kubectl create deployment web --image=busybox -n frontend -- sleep 3600

# 3. Test cross-namespace (should work — no policies)
kubectl exec -n frontend deploy/web -- wget -qO- --timeout=3 http://api.backend

# 4. Deny all ingress in backend
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
  namespace: backend
spec:
  podSelector: {}
  policyTypes:
  - Ingress
EOF

# 5. Test (should fail)
kubectl exec -n frontend deploy/web -- wget -qO- --timeout=3 http://api.backend

# 6. Allow from frontend namespace
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-from-frontend
  namespace: backend
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes:
  - Ingress
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          tier: frontend
    ports:
    - port: 80
EOF

# 7. Test (should work)
kubectl exec -n frontend deploy/web -- wget -qO- --timeout=3 http://api.backend

# 8. Clean up
kubectl delete namespace frontend backend
